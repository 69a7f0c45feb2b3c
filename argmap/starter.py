"""The starter map ``argmap new`` writes: a small map that shows every part of the
format, each explained by a comment, to copy and rewrite.

It validates with no warning, lints clean and renders; as JSON it is the same map,
without the comments (JSON has none).

>>> from argmap.formats import loads
>>> m = loads(starter_text("yaml"))
>>> loads(starter_text("json"), format="json") == m
True
>>> len(m.claims), len(m.relations)
(10, 8)
"""

from __future__ import annotations

from typing import Literal

#: The formats the starter map comes in.
StarterFormat = Literal["yaml", "json"]

STARTER_YAML = """\
# A starter argument map. Rewrite it into your own: keep the shape, change the words.
# Check it with 'argmap validate map.yaml', draw it with 'argmap render map.yaml', or
# 'argmap watch map.yaml' to redraw it each time you save.

# The version of the map format (required).
argmap: 1

# The question or claim the map is about; drawn above the map.
title: Should our town ban cars from the centre?

# Where the argument comes from. Every field is optional; a quote below must be
# verbatim from this source.
source:
  title: Town council debate on the centre
  author: Town Council
  date: 2025-03-14
  url: https://example.org/council/2025-03-14

# People or bodies the map attributes positions or motives to; claims name them by id.
actors:
  shops: {name: Centre shopkeepers' association}

claims:
  # Each claim has an id (here 'ban', 'air', ...), used to refer to it elsewhere,
  # and a text: one full sentence. The kind says its role; the default is premise.
  ban:
    kind: thesis          # what the map argues about
    text: The town should ban cars from its centre.
    tags: [policy]        # free labels; 'argmap render --tags' draws them
  air:
    text: Fewer cars in the centre would make its air cleaner.
    supports: ban         # a reason for the claim it names
  exhaust:
    kind: evidence        # a fact from the source, with its words quoted
    text: Cars cause most of the centre's air pollution.
    quote: "most of the nitrogen dioxide in the centre comes from car exhaust"
    supports: air
    tags: [empirical]
  trade:
    kind: objection       # a reason against the claim it attacks
    text: Shops would lose the customers who come by car.
    attacks: ban
  losses:
    kind: motive          # why an actor holds a position; 'actor' names the actor
    text: Shopkeepers fear losing their takings.
    actor: shops
    supports: trade
  walkers:
    kind: evidence
    text: In towns that banned cars, people on foot spent more in the shops.
    attacks: trade
    tags: [empirical]
  buses:
    kind: assumption      # taken for granted by the argument; say it so it can be questioned
    text: Buses can carry the people who now drive into the centre.
  parking:
    kind: evidence
    text: The car parks at the edge of town are half empty.
  delivery:
    kind: question        # an open question the argument raises
    text: How would shops get their deliveries?
  exemption:
    kind: assumption
    text: Delivery vans can be let in before ten in the morning.
    # 'undercuts' attacks the step from one claim to another, not the claims:
    # even if delivery is a problem, the exemption answers it.
    undercuts: {from: delivery, to: trade}

relations:
  # Relations between claims besides those written beside them. 'from' with several
  # ids is a linked argument: the claims support their target only together.
  - {from: [buses, parking], to: ban, kind: supports}
  - {from: delivery, to: trade, kind: supports}

# Groups frame claims that belong together in the picture (a claim is in one group).
groups:
  transport: {label: Getting around, members: [buses, parking]}
"""


def starter_text(format: StarterFormat = "yaml") -> str:
    """The starter map as the text of a file: commented YAML, or the same map as JSON.

    >>> starter_text().splitlines()[0]
    '# A starter argument map. Rewrite it into your own: keep the shape, change the words.'
    """
    if format == "yaml":
        return STARTER_YAML
    from argmap.formats import dumps, loads

    return dumps(loads(STARTER_YAML, source="<starter>"), format="json")
