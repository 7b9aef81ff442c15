"""Eligibility, benefit codes (with typed codes, printed cards and their uses), offers, micro-profit services,
redemptions and sales, flagged sales and subsidy claims, one module each; Django finds them all here.

The acts that change these are in `market/discounts/services/`; redemptions and sales are append-only (a mistake
is corrected by a reversing record), and a subsidy claim lists every record it is paid for.
"""

from market.discounts.models.benefit_codes import (
    BenefitCard,
    BenefitCode,
    CodeKind,
    CodeLookupFailure,
    CodePurpose,
    CodeUse,
    OneTimeCode,
)
from market.discounts.models.counter_records import Channel, CounterRecord, MicroProfitSale, Redemption
from market.discounts.models.eligibility import (
    Eligibility,
    EligibilityApplication,
    EligibilityApplicationState,
    EligibilityGroup,
    EligibilityProof,
    EligibilityQuerySet,
    EligibilityReminder,
    proof_file_path,  # Migration 0001 names the upload path as market.discounts.models.proof_file_path.
)
from market.discounts.models.micro_profit_services import MicroProfitService, MicroProfitServiceType
from market.discounts.models.offers import Offer, OfferKind, OfferQuerySet, QuotaPeriod
from market.discounts.models.sale_flags import HOLDING_STATES, FlagReason, SaleFlag, SaleFlagState
from market.discounts.models.subsidy_claims import SubsidyClaim, SubsidyClaimLine, SubsidyClaimState

__all__ = [
    "HOLDING_STATES",
    "BenefitCard",
    "BenefitCode",
    "Channel",
    "CodeKind",
    "CodeLookupFailure",
    "CodePurpose",
    "CodeUse",
    "CounterRecord",
    "Eligibility",
    "EligibilityApplication",
    "EligibilityApplicationState",
    "EligibilityGroup",
    "EligibilityProof",
    "EligibilityQuerySet",
    "EligibilityReminder",
    "FlagReason",
    "MicroProfitSale",
    "MicroProfitService",
    "MicroProfitServiceType",
    "Offer",
    "OfferKind",
    "OfferQuerySet",
    "OneTimeCode",
    "QuotaPeriod",
    "Redemption",
    "SaleFlag",
    "SaleFlagState",
    "SubsidyClaim",
    "SubsidyClaimLine",
    "SubsidyClaimState",
    "proof_file_path",
]
