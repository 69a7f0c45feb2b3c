"""The flagship map, built in Python: the same map as ``map.yaml``, claim for claim.

Run it to print the map as YAML (``python build.py``); ``tests/test_examples.py`` checks
that it equals ``map.yaml``. Every builder method returns the id of what it adds, so a
reason can be written right where it is used, and the code reads like the argument:
the thesis first, then the motives behind it, then what they rest on.
"""

from __future__ import annotations

import argmap
from argmap import ArgumentMap, MapBuilder, Source


def build() -> ArgumentMap:
    """The essay's argument, top down."""
    b = MapBuilder(
        "The second occupation of Iraq — why the US killed Soleimani",
        source=Source(title="The second occupation of Iraq"),
    )
    us = b.actor("us", "United States")

    # The thesis, and the official account it rivals: each attacks the other.
    thesis = b.thesis(
        "thesis",
        (
            "Killing Soleimani was above all meant to reassert US hegemony in Iraq: a "
            "compliant base for force projection, and an occupation growing again."
        ),
        quote=(
            "the primary objective was likely to reassert US hegemony in Iraq, to allow them "
            "to retain Iraq as a compliant military base for further operations"
        ),
        attacks="official-justification",
    )
    b.objection(
        "official-justification",
        (
            "Official account, relayed by the media: the US killed Soleimani to protect its "
            "troops in Iraq."
        ),
        quote="The ostensible reason given by most media pundits for his assasination by the US",
        attacks=thesis,
    )
    # The essay grants the danger but denies that it justifies the killing.
    b.objection(
        "objection-occupation",
        (
            "That danger justifies the killing only on the presupposition that a US occupation "
            "of Iraq is natural."
        ),
        quote=(
            "this presupposes that it is somehow natural for US troops to be involved in an "
            "occupation of Iraq in the first place"
        ),
        undercuts=b.supports(
            b.premise(
                "official-danger",
                "Soleimani was a danger to US troops in Iraq.",
                quote="he presented a danger to US troops in Iraq",
                # The media's reason, given unsupported; the essay neither shows nor
                # denies it, so it stays a premise and lint is told so (see map.yaml).
                metadata={"noqa": "unsupported-premise"},
            ),
            "official-justification",
        ),
    )

    # The dual motive, and what may follow from it.
    warn_iran = b.motive(
        "motive-warn-iran",
        (
            "Warn Iran not to challenge US dominance over Iraq's political regime by backing "
            "independent forces."
        ),
        actor=us,
        quote=(
            "to send a message to Iran not to challenge US dominance over the political regime "
            "in Iraq by supporting independent forces"
        ),
        supports=thesis,
    )
    decapitate = b.motive(
        "motive-decapitate-pmu",
        "Decapitate the PMU's leadership, so that the US could press parliament back into line.",
        actor=us,
        quote=(
            "to decapitate the leadership of the PMU such that the US could re-apply pressure "
            "over the parliament to fall back into line"
        ),
        supports=thesis,
    )
    b.group("dual-motive", "Dual motive", [warn_iran, decapitate])
    b.consequence(
        "war-risk",
        (
            "War with Iran could follow if responses spin out of control: it depends on Iran's "
            "response and on how the US reads events."
        ),
        quote=(
            "war with Iran is a possibility as the response to these actions could spin out of "
            "control"
        ),
    )
    b.supports(warn_iran, "war-risk")
    b.question(
        "open-question",
        "Will this strategy work in the US's favour, or might Iraq still gain more sovereignty?",
        quote=(
            "Whether this strategy will work in favour of the US, or whether some increasing "
            "sovereignty for Iraq might still be on the cards, is a yet unanswered question."
        ),
    )

    # The warning to Iran: Iran's top commander, killed for what Iran was doing.
    b.supports(
        [
            b.evidence(
                "soleimani-rank",
                (
                    "Soleimani was a Major General of Iran's Revolutionary Guard, a top and "
                    "able commander."
                ),
                quote=(
                    "Soleimani was Major General of the Iranian Revolutionary Guard, a top "
                    "military commander who was well known for his abilities"
                ),
            ),
            b.premise(
                "iran-backs-independent",
                (
                    "Through the PMU, Iran was backing an independent force able to challenge "
                    "US dominance in Iraq."
                ),
                quote="supporting independent forces",
            ),
        ],
        warn_iran,
    )
    b.supports(["iran-role", "balance-shift"], "iran-backs-independent")

    # The US hold on Iraq slipping bears on both motives.
    slipping = b.premise(
        "hold-slipping",
        "The US military came to believe that its hold on Iraqi politics was slipping.",
        quote=(
            "the US military apparatus began to believe their hold on Iraqi politics was slipping"
        ),
        supports=warn_iran,
    )
    b.supports(
        [
            b.evidence(
                "us-stepped-back",
                (
                    "The US had stepped back: a compliant parliament let it stay on to “train” "
                    "Iraq's forces and civil groups."
                ),
                quote=(
                    "They had a fairly compliant Iraqi parliament, and were being allowed to "
                    "remain while “training” various military, police, civil service and civil "
                    "society groups"
                ),
            ),
            b.evidence(
                "parliament-sovereignty",
                "Parliament talked more and more of the need for Iraqi sovereignty.",
                quote=(
                    "Parliament began making increasing noises about the need for Iraqi "
                    "sovereignty"
                ),
            ),
        ],
        slipping,
    )
    b.evidence(
        "embassy-occupation",
        (
            "Protests against complicity with the US boiled over into the occupation of the US "
            "embassy in Baghdad."
        ),
        quote=(
            "protests against the complicity with the Americans eventually boiled over into a "
            "direct occupation of the US embassy in Baghdad"
        ),
        supports=slipping,
    )

    # Decapitating the PMU: the strikes went after its leaders.
    targeted = b.premise(
        "pmu-targeted",
        (
            "Seen in light of these events, the strike targeted the PMU's leadership, not "
            "Soleimani alone."
        ),
        quote="The recent murder of Soliemani must be seen in light of these events.",
    )
    b.supports([targeted, slipping], decapitate)
    b.evidence(
        "strike-killed-pmu",
        (
            "The same strike killed a senior PMU figure and the PMU's head of protocol, among "
            "others."
        ),
        quote=(
            "Not only was Soliemani assassinated along with a senior figure in the PMU as well "
            "as the PMU head of protocol and several others"
        ),
        supports=targeted,
    )
    b.evidence(
        "pmu-leaders-hunted",
        (
            "Many PMU leaders were targeted for kidnapping (at least one caught); six more "
            "were killed in a second strike."
        ),
        quote=(
            "numerous PMU leaders were targeted for kidnapping, at least one has been caught, "
            "and six others have been assassinated in a second strike"
        ),
        supports=targeted,
    )
    b.group(
        "pmu-as-target", "The PMU as target", ["strike-killed-pmu", "pmu-leaders-hunted", targeted]
    )

    # The rise of the PMU shifted the balance of forces.
    balance = b.premise(
        "balance-shift",
        "The balance of forces in Iraq began to shift decisively towards the PMU.",
        quote="the balance of forces in Iraq begin to shift decisively",
        supports=slipping,
    )
    growth = b.evidence(
        "pmu-growth",
        "The PMU has ballooned to over 100,000 troops.",
        quote=(
            "a military force which has since ballooned in size, now claiming over one hundred "
            "thousand troops"
        ),
        supports=balance,
    )
    b.evidence(
        "mosul-fatwa",
        (
            "After Mosul fell in 2014, al-Sistani's fatwa to defend Iraq against ISIS called "
            "the PMU into being."
        ),
        quote=(
            "With the fall of Mosul in 2014, the People’s Mobilization Forces/Units (PMF or "
            "PMU) were called into existence by Shia cleric Ali al-Sistani’s fatwa"
        ),
        supports=growth,
    )
    b.evidence(
        "pmu-beat-isis",
        "Growth and success against ISIS in real combat made the PMU stronger and larger.",
        quote=(
            "its growth and success in repelling ISIS in real combat situations has "
            "strengthened its character and size"
        ),
        supports=balance,
    )
    iran_role = b.premise(
        "iran-role",
        (
            "Iran, and Soleimani above all as adviser, earn part of the credit for building "
            "this multi-creed force."
        ),
        quote=(
            "Some credit must go to Iran, and especially Soliemani, who acted as an important "
            "advisor"
        ),
    )
    b.evidence(
        "pmu-foreign-support",
        (
            "The PMU got training and support from unlikely backers, among them Turkey, Iran "
            "and Hezbollah."
        ),
        quote=(
            "It has garnered training and support from a range of unlikely groups, including "
            "Turkey, Iran and Hezbollah"
        ),
        supports=iran_role,
    )
    multi_creed = b.premise(
        "pmu-multi-creed",
        (
            "Surprisingly, in the midst of sectarian war the PMU drew not only Shia but also "
            "Sunni and Yazidi fighters."
        ),
        quote=(
            "the force managed to be attractive not only to Shia, but also Sunni, and "
            "especially Yazidi"
        ),
        supports=iran_role,
    )
    b.evidence(
        "pmu-sunni",
        "Though mostly Shia, the PMU now counts some 30,000 Sunni troops.",
        quote="the PMU now claims some thirty thousand Sunni troops",
        supports=multi_creed,
    )
    b.evidence(
        "pmu-yazidi",
        "Yazidis joined the PMU, seeking protection from genocide at the hands of ISIS.",
        quote=(
            "especially Yazidi, who were quite interested in joining a group which could "
            "secure them against a literal genocide at the hands of ISIS"
        ),
        supports=multi_creed,
    )
    b.group(
        "pmu-rise",
        "The rise of the PMU",
        [
            "mosul-fatwa",
            growth,
            "pmu-foreign-support",
            multi_creed,
            "pmu-sunni",
            "pmu-yazidi",
            iran_role,
            "pmu-beat-isis",
        ],
    )
    return b.build()


if __name__ == "__main__":
    print(argmap.dumps(build()), end="")
