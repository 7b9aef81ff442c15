"""The acts of the licensing workflow, one function each, for the merchant portal, the staff admin and the
jobs, in one module per concern: `drafts` (the applicant's portal steps), `workflow` (submission, the reviewer's
acts, public notice), `decisions` (the approver's acts and listing changes), `jobs` (the acts of the law run by
the daily jobs); `common` holds what they share.

Every act checks who may do it (rules.py), locks the application row for the length of its transaction so that
two people acting at once produce one outcome, records an `ApplicationEvent`, and tells listeners after the
commit. Refusals raise `LicensingError` (or `NotPermitted`) with a translated message.

`actor` is the user acting; None means the law or a scheduled job, which only the lifecycle acts accept.
"""
