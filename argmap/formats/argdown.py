"""Argdown: the text language of argdown.org, read and written.

`Argdown <https://argdown.org>`_ is the plain-text language of argument maps that the
Argdown sandbox, its VS Code extension and its command line (``@argdown/cli``) read.
argmap reads what real Argdown files use and writes Argdown that both argmap and the
Argdown tools read back:

>>> import argmap
>>> m = argmap.loads('''
... [Mortal]: Socrates is mortal. {kind: thesis}
...   + [Men]: All men are mortal.
... ''', format="argdown")
>>> [(c.id, c.kind.value, c.text) for c in m.claims]
[('mortal', 'thesis', 'Socrates is mortal.'), ('men', 'premise', 'All men are mortal.')]
>>> print(argmap.dumps(m, "argdown"), end="")
[Mortal]: Socrates is mortal. {kind: thesis}
  + [Men]
<BLANKLINE>
[Men]: All men are mortal.

How Argdown lands in the map
----------------------------

**Statements** (``[Title]: text``) are claims. Statements with the same title are one
claim (Argdown's equivalence classes); its text is the last one given, as in Argdown (the
others are kept in ``metadata["argdown"]["texts"]``, with a warning). The id is the title's slug
(``[Freedom of Speech]`` is ``freedom-of-speech``, made unique with ``-2``, ``-3``);
the title is kept in ``metadata["argdown"]["title"]`` when it is not the id. An
untitled statement is titled ``Untitled N``, as Argdown titles it. References
(``[Title]``) and mentions (``@[Title]``) name a claim; a mention stays in the text.

**Text** is read as Argdown reads it: bold and italic lose their marks, a link keeps its
text, a tag (``#tag``, ``#(two words)``) stays in the text and becomes one of the
claim's ``tags``, a shortcode (``:+1:``) becomes its character, ``\\`` escapes the
next character, and lines of one statement are joined by a space. The text as written,
when it holds such markup, is kept in ``metadata["argdown"]["markup"]``.

**Data blocks** (``{key: value}``, YAML) on a statement set the claim's ``kind``,
``quote``, ``actor``, ``tags`` (overriding the tags of the text), ``metadata``,
``id`` and ``text`` (the exact text, for one Argdown cannot write: a line break,
spaces around it); any other key is kept in ``metadata["argdown"]["data"]``.

**Arguments** (``<Title>: text``) without a premise-conclusion structure are claims too,
marked ``metadata["argdown"]["argument"] = true`` so that they are written back as
``<Title>``. An argument **with** a premise-conclusion structure (``(1)`` premises,
an inference line ``----`` or ``-- rule, rule {data} --``, the conclusion) is no claim:
each inference is one linked ``supports`` relation from the statements above it (back
to the previous conclusion) to the conclusion below it (``{uses: [1, 3]}`` on the
inference line names them instead), and the argument's title, description, data and
rules go in that relation's ``metadata["argdown"]`` (``argument``, ``description``,
``data``, ``rules``, ``inference_data``; an intermediate step has ``step``). A
structure with no title is an argument of its own, as in Argdown.

**Relations** by indentation, to any depth, on statements, arguments and the statements
of a premise-conclusion structure (relations written after a structure belong to its
last statement): ``+``/``<+`` (the line below supports the one above), ``+>`` (the one
above supports the one below), ``-``/``<-``/``->`` (attacks), ``_``/``<_``/``_>``
(undercuts) and ``><`` (contradiction). Where an argument with a structure is an end:

- a relation **from** it starts at its conclusion (``metadata["argdown"]["from"] =
  "argument"``);
- an **undercut** of it undercuts its (last) inference: an argmap ``undercuts``;
- a support or attack **of** it lands on its conclusion, with a warning
  (``argdown-argument-relation``: Argdown leaves open which premise is meant) and
  ``metadata["argdown"]["to"] = "argument"``.

An undercut of a claim (argmap undercuts inferences only) is an attack marked
``metadata["argdown"]["undercut"]``, with a warning (``argdown-undercut``). A
contradiction is two attacks, both marked ``contradiction``, written back as one
``><``. A relation said twice is one relation.

**Headings** are groups: each claim belongs to the section of its first definition,
and each section that holds a claim is a group (its level, when not 1, and its data are
in the group's ``metadata["argdown"]``; a data block may set ``id``, ``label`` and
``metadata``). A heading with ``{isGroup: false}`` is no group: its claims belong to
the group of the heading above it, with a warning.

**Front matter** (``===`` ... ``===``, YAML) gives the map's ``title``, ``source``,
``actors``, ``metadata`` and the ``relations`` Argdown cannot say (see below); its other
keys (Argdown's settings) are kept in ``metadata["argdown"]["front_matter"]``.
**Comments** (``//``, ``/* */``, ``<!-- -->``) are skipped; ``@include(file)`` includes
a file relative to the including one (including a file inside itself is an error; text
read from a string cannot include and says so in a warning); Windows line ends are read.

Writing
-------

The writer puts the front matter first, then each claim's definition with its data
block (``{kind: evidence, quote: ..., actor: us}``) and the relations to it indented
below, the claims of each group under a heading of its label, and last a
premise-conclusion structure for each support that needs one: linked premises, an
inference that is undercut (titled ``<argmap inference N>`` when it has no title of
its own), or metadata. What Argdown has no syntax for (a linked attack, an undercut of
an attack, a relation with metadata) is written in the front matter's ``relations:``
list, in the map file's syntax, so that the trip argmap -> Argdown -> argmap gives an
equal map for every map. A multi-step argument comes back as one argument per step.
"""

from __future__ import annotations

from argmap.formats._argdown_reader import parse
from argmap.formats._argdown_writer import dumps

__all__ = ["dumps", "parse"]
