"""What a browser sends back for the forms a page shows."""


def as_posted(*forms) -> dict:
    """What a browser posts back for forms and formsets left as the page shows them."""
    data = {}
    for form in forms:
        if hasattr(form, "management_form"):
            data |= as_posted(form.management_form, *form.forms)
            continue
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = [str(item) for item in value] if isinstance(value, list | tuple) else str(value)
        data |= as_posted(*getattr(form, "formsets", {}).values())
    return data
