"""The reference data a case view computes with, as one value: legal lines, LPR, plan limits, collection and
credit-report rules, the materials catalogue, help channels, budget category names, the rules an agreement is
reviewed by and the notice about paid debt agents.

:func:`packaged` gives the data shipped with the package (read once per process). A test or a counsellor's
deployment may build another :class:`Reference`; views built with it are cached apart (the cache key holds the
reference's identity).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from xieshang import reference as packaged_data
from xieshang.core.agreement_rules import ReviewRule
from xieshang.core.bilingual import Text
from xieshang.core.collection import CollectionRule
from xieshang.core.debt_agents import AgentGuard
from xieshang.core.disputes import CreditRule
from xieshang.core.legal import HelpChannel, LegalLines, LprSeries
from xieshang.core.limits import PlanLimits
from xieshang.core.materials import Catalog


@dataclass(frozen=True, eq=False)
class Reference:
    legal_lines: LegalLines
    lpr: LprSeries
    plan_limits: PlanLimits
    catalog: Catalog
    collection_rules: tuple[CollectionRule, ...]
    credit_rules: tuple[CreditRule, ...]
    help_channels: tuple[HelpChannel, ...]
    categories: Mapping[str, Text]
    agreement_rules: tuple[ReviewRule, ...] = ()
    debt_agents: AgentGuard | None = None

    def help_channel(self, channel_id: str) -> HelpChannel:
        for channel in self.help_channels:
            if channel.id == channel_id:
                return channel
        raise KeyError(channel_id)


@cache
def packaged() -> Reference:
    """The reference data shipped with Xieshang."""
    return Reference(
        legal_lines=packaged_data.legal_lines(),
        lpr=packaged_data.lpr_series(),
        plan_limits=packaged_data.plan_limits(),
        catalog=packaged_data.materials_catalog(),
        collection_rules=packaged_data.collection_rules(),
        credit_rules=packaged_data.credit_rules(),
        help_channels=packaged_data.help_channels(),
        categories=packaged_data.budget_categories(),
        agreement_rules=packaged_data.agreement_rules(),
        debt_agents=packaged_data.debt_agents(),
    )
