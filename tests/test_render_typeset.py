"""Typography: wrapping to a measure, widths that scale, CJK breaks, fonts for every script."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from render_support import load_map, normalise

from argmap import limits
from argmap.errors import RenderError
from argmap.model import ClaimKind
from argmap.rendering import wrapping
from argmap.rendering.themes import THEMES
from argmap.rendering.typeset import FontSet, clean_text, default_fonts, default_typesetter

FONTS = default_fonts()
SETTER = default_typesetter()
CJK = "Noto Sans CJK"

ENGLISH = (
    "Cooler streets save more money on energy than the trees cost, and the shade "
    "they give makes the town a better place to walk in summer."
)
CHINESE = "我们应该建造这座桥梁因为交通流量在五年内翻了一番而且渡轮已经无法再增加班次了"
JAPANESE = "日本語の方言も、ゆっくりと消えつつあります。東京の言葉だけが残るかもしれません。"
KOREAN = "한국어는 세종대왕이 만든 한글로 씁니다. 한글은 매우 과학적인 문자입니다."
ARABIC = "اللغة هي مفتاح الثقافة والهوية لكل شعب، ويجب أن نحافظ عليها للأجيال القادمة."
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis"
EMOJI = "Family 👨\u200d👩\u200d👧\u200d👦 coder 👩🏽\u200d💻 flag 🇯🇵 keycap 1\ufe0f\u20e3"

_JOINING = {"\u200d", "\ufe0e", "\ufe0f", "\u20e3"}


def _continues(char: str, cluster: str) -> bool:
    """Whether ``char`` continues the grapheme cluster ``cluster`` (a close approximation
    of Unicode's rules: marks, joiners, variation selectors, skin tones, emoji tags,
    after a zero-width joiner, the second of a regional-indicator pair)."""
    code = ord(char)
    if char in _JOINING or unicodedata.category(char) in ("Mn", "Me", "Mc"):
        return True
    if 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F or cluster.endswith("\u200d"):
        return True
    if 0x1F1E6 <= code <= 0x1F1FF and 0x1F1E6 <= ord(cluster[-1]) <= 0x1F1FF:
        return sum(0x1F1E6 <= ord(c) <= 0x1F1FF for c in cluster) % 2 == 1
    return False


def graphemes(text: str) -> list[str]:
    clusters: list[str] = []
    for char in text:
        if clusters and _continues(char, clusters[-1]):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def squeeze(text: str) -> str:
    """``text`` without whitespace and without the control characters no label shows."""
    return "".join(normalise(text).split())


def assert_wrapped_within(lines: list[str], size: float, bold: bool, measure: float) -> None:
    for line in lines:
        width = FONTS.width(line, size, bold)
        unbreakable = len(graphemes(line)) == 1
        assert width <= measure + 1e-6 or unbreakable, f"{line!r} is {width:.1f} > {measure}"
        assert line == line.strip()


@pytest.mark.parametrize(
    "text", [ENGLISH, CHINESE, JAPANESE, KOREAN, ARABIC, EMOJI, LONG_WORD, f"a {LONG_WORD} b"]
)
@pytest.mark.parametrize("measure", [4.0, 40.0, 120.0, 168.0])
@pytest.mark.parametrize("bold", [False, True])
def test_wrapped_lines_fit_the_measure_unless_one_unbreakable_character(
    text: str, measure: float, bold: bool
) -> None:
    lines = SETTER.wrap(text, 10.5, bold, measure)
    assert_wrapped_within(lines, 10.5, bold, measure)
    assert squeeze("".join(lines)) == squeeze(text)


def test_a_word_longer_than_the_measure_is_cut_into_pieces_that_fit() -> None:
    lines = SETTER.wrap(LONG_WORD, 10.5, False, 60.0)
    assert len(lines) > 1
    assert "".join(lines) == LONG_WORD
    assert all(FONTS.width(line, 10.5) <= 60.0 for line in lines)


def test_english_wraps_at_spaces_and_fills_each_line() -> None:
    measure = 168.0
    lines = SETTER.wrap(ENGLISH, 10.5, False, measure)
    assert " ".join(lines) == ENGLISH
    for line, following in itertools.pairwise(lines):
        # Greedy: the next word would not have fitted on this line.
        assert FONTS.width(f"{line} {following.split()[0]}", 10.5) > measure


@pytest.mark.parametrize("text", [CHINESE, JAPANESE])
def test_cjk_text_wraps_between_characters_and_fills_each_line(text: str) -> None:
    measure = 60.0
    lines = SETTER.wrap(text, 10.5, False, measure)
    assert len(lines) > 3
    assert "".join(lines) == text  # no space added where CJK has none
    for line, following in itertools.pairwise(lines):
        assert FONTS.width(line, 10.5) <= measure
        assert FONTS.width(line + following[0], 10.5) > measure


def test_wrapping_never_breaks_inside_an_emoji_sequence() -> None:
    family = "👨\u200d👩\u200d👧\u200d👦"
    for measure in (10.0, 20.0, 30.0, 60.0):
        lines = SETTER.wrap(f"a {family} {family * 3}", 10.5, False, measure)
        for line in lines:
            assert not line.endswith("\u200d"), lines


@pytest.mark.parametrize("text", [ENGLISH, CHINESE, ARABIC, EMOJI, "Socrates"])
@pytest.mark.parametrize("bold", [False, True])
def test_widths_scale_linearly_with_size(text: str, bold: bool) -> None:
    base = FONTS.width(text, 10.0, bold)
    assert base > 0
    for size in (5.0, 7.0, 10.5, 20.0, 100.0):
        assert FONTS.width(text, size, bold) == pytest.approx(base * size / 10.0, rel=1e-9)


def test_widths_add_up_over_words_and_depend_on_the_letters() -> None:
    assert FONTS.width("iiiiii", 10) < FONTS.width("MMMMMM", 10)
    assert FONTS.width("Socrates is mortal.", 10, bold=True) > FONTS.width(
        "Socrates is mortal.", 10
    )
    whole = FONTS.width("Socrates is", 10)
    assert whole == pytest.approx(FONTS.width("Socrates", 10) + FONTS.width(" is", 10), rel=0.02)


# --- no-break spaces, long words, the cost of wrapping -----------------------------------


def test_a_no_break_space_keeps_its_words_on_one_line() -> None:
    measure = FONTS.width("10\xa0km", 10.5) + 1
    assert SETTER.wrap("x 10 km", 10.5, False, measure) == ["x 10", "km"]
    assert SETTER.wrap("x 10\xa0km", 10.5, False, measure) == ["x", "10\xa0km"]
    assert SETTER.wrap("\u4e2d\u6587\xa0\u4e2d", 10.5, False, 25.0) == [
        "\u4e2d",
        "\u6587\xa0\u4e2d",
    ]


@pytest.mark.parametrize(
    ("text", "measure", "lines"),
    [
        ("10\xa0km away", 20.0, ["10", "km", "aw", "ay"]),
        ("0\xa00", 1.0, ["0", "0"]),
        ("1\u202f000\u202f000\u202f000 m", 40.0, ["1\u202f000", "000\u202f000", "m"]),
    ],
)
def test_a_no_break_run_too_wide_for_a_line_is_cut_at_its_no_break_spaces_first(
    text: str, measure: float, lines: list[str]
) -> None:
    assert SETTER.wrap(text, 10.5, False, measure) == lines


@pytest.mark.parametrize(
    "text",
    [
        "flag \U0001f1ef\U0001f1f5\U0001f1ef\U0001f1f5",
        "thumbs \U0001f44d\U0001f3ff\U0001f44d\U0001f3ff",
        "e\u0301e\u0301e\u0301e\u0301",
    ],
)
def test_a_word_cut_for_a_narrow_line_is_cut_between_clusters_only(text: str) -> None:
    lines = SETTER.wrap(text, 10.5, False, 1.0)
    assert [graphemes(line) for line in lines] == [[line] for line in lines]
    assert "".join(lines) == text.replace(" ", "")


def test_a_word_longer_than_the_limit_is_a_render_error_naming_the_limit() -> None:
    with pytest.raises(RenderError) as caught:
        SETTER.wrap(f"Fine words, then {'a' * 100_000} and more", 10.5, False, 150.0)
    assert str(caught.value) == (
        "a word of 100,000 characters ('aaaaaaaaaaaaaaaaaaaa\u2026') is too long to draw; "
        "the limit is 1,000; set ARGMAP_MAX_WORD_CHARS to raise it"
    )


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1_000,  # at the limit
        "\u4e2d" * 5_000,  # CJK may break between any two characters
        "a\xa0" * 2_000,  # a word joined by no-break spaces may be cut at them
        " ".join(["word"] * 2_000),
    ],
)
def test_text_whose_words_are_within_the_limit_wraps(text: str) -> None:
    lines = SETTER.wrap(text, 10.5, False, 150.0)
    assert squeeze("".join(lines)) == squeeze(text)


def test_the_word_limit_follows_the_limits_in_force() -> None:
    with limits.override(word_chars=5):
        with pytest.raises(RenderError, match=r"a word of 6 characters .* the limit is 5;"):
            SETTER.wrap("short word abcdef", 10.5, False, 150.0)
        assert SETTER.wrap("abcde \u4e2d\u6587\u4e2d\u6587\u4e2d\u6587", 10.5, False, 500.0)


@pytest.mark.parametrize(
    "text",
    [
        "a" * 20_000,  # one word, cut into thousands of lines (was quadratic: 166 s at 100k)
        "\u4e2d" * 20_000,
        "\u2065" * 20_000,  # characters of no width, thousands on one line
        "a\xa0" * 10_000,
        "word " * 4_000,
        "\U0001f44d\U0001f3ff" * 5_000,
    ],
)
def test_wrapping_shapes_each_character_a_bounded_number_of_times(text: str) -> None:
    shaped = 0

    def width(piece: str) -> float:
        nonlocal shaped
        shaped += len(piece)
        return FONTS.width(piece, 10.5)

    with limits.override(word_chars=100_000):
        lines = wrapping.wrap(clean_text(text), width, 150.0)
    assert squeeze("".join(lines)) == squeeze(text)
    # Each unit and cluster once, each line about twice: linear (a word of 20,000 letters
    # was shaped 20,000 times over, in slices of ever shorter rests).
    assert shaped <= 8 * len(text)


# --- what is drawn of a text -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("C1: \x80\x81\x9b[31m\x9f end", "C1: [31m end"),
        ("next\x85line", "next line"),  # NEL is a line break
        ("a\ufdd0b\ufdefc\ufffed\uffffe", "abcde"),
        ("plane 1 \U0001fffe\U0001ffff, plane 16 \U0010fffe\U0010ffff.", "plane 1 , plane 16 ."),
        ("spaces \xa0 \u2007 around a no-break\xa0space", "spaces around a no-break\xa0space"),
        ("Vi\u00ea\u0323t, vie\u0323\u0302t", "Vi\u00ea\u0323t, vie\u0323\u0302t"),
        ("\u05e9\u05bc\u05c1\u05b8\u0591", "\u05e9\u05bc\u05c1\u05b8\u0591"),  # four marks
        ("Z" + "\u0336\u0301" * 500 + "!", "Z\u0336\u0301\u0336\u0301!"),
        ("\u20dd" * 1_000, "\u20dd" * 4),
    ],
)
def test_clean_text_drops_what_no_font_draws_and_caps_stacked_marks(
    text: str, cleaned: str
) -> None:
    assert clean_text(text) == cleaned


# --- fonts for every script --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("Ça coûte cher, naïveté, Ångström, Łódź", "Noto Sans"),
        ("Η γλώσσα είναι το σπίτι", "Noto Sans"),  # noqa: RUF001
        ("Каждые две недели", "Noto Sans"),
        ("اللغة هي مفتاح الثقافة", "Noto Sans Arabic"),
        ("השפה העברית חזרה", "Noto Sans Hebrew"),
        ("保护所有语言的成本", CJK),
        ("日本語のテキスト", CJK),
        ("한국어는 한글로", CJK),
        ("🗣️🌍", "Noto Emoji"),
        ("👨\u200d👩\u200d👧\u200d👦", "Noto Emoji"),
        ("👩🏽\u200d💻", "Noto Emoji"),
        ("🇯🇵", "Noto Emoji"),
    ],
)
@pytest.mark.parametrize("bold", [False, True])
def test_runs_of_each_script_are_drawn_with_a_face_for_that_script(
    text: str, family: str, bold: bool
) -> None:
    runs = FONTS.runs(text, bold)
    assert "".join(run.text for run in runs) == text
    # A space between two words may come from the main face.
    drawn = [run for run in runs if run.text.strip()]
    assert {run.face.family[: len(family)] for run in drawn} == {family}


def test_a_mixed_line_switches_faces_at_script_boundaries() -> None:
    runs = FONTS.runs("Peace, سلام, 和平 🕊 שלום", bold=False)
    families = [run.face.family for run in runs]
    assert "".join(run.text for run in runs) == "Peace, سلام, 和平 🕊 שלום"
    assert families[0] == "Noto Sans"
    order = [f for f in families if f != "Noto Sans"]
    assert [f.split()[-1] if CJK not in f else "CJK" for f in order] == [
        "Arabic",
        "CJK",
        "Emoji",
        "Hebrew",
    ]


@pytest.mark.parametrize("bold", [False, True])
def test_bold_text_uses_bold_faces_where_the_script_has_one(bold: bool) -> None:
    for text in ("Socrates", "سلام", "שלום"):
        (run,) = FONTS.runs(text, bold)
        assert run.face.bold is bold


@pytest.mark.parametrize("name", ["multilingual", "hostile-printable", "twenty", "flagship"])
def test_every_character_is_drawn_by_a_face_that_has_it(name: str) -> None:
    m = load_map(name)
    strings = [c.text for c in m.claims] + [a.name for a in m.actors] + [m.title or ""]
    for text in strings:
        for bold in (False, True):
            for run in FONTS.runs(text, bold):
                for char in run.text:
                    if unicodedata.category(char) in ("Cc", "Cf", "Zs") or _ignorable(char):
                        continue  # controls, joiners, selectors and spaces draw nothing
                    somewhere = any(f.covers(char) for f in FONTS.faces())
                    assert run.face.covers(char) or not somewhere, (char, run.face)


def _ignorable(char: str) -> bool:
    """Variation selectors and other default-ignorable characters."""
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0000 <= code <= 0xE0FFF or 0x180B <= code <= 0x180F


def test_font_set_faces_are_the_bundled_files() -> None:
    faces = FONTS.faces()
    assert faces[0].family == "Noto Sans"
    assert all(face.path.is_file() for face in faces)
    assert isinstance(FONTS, FontSet)


# --- blocks ------------------------------------------------------------------------------


def test_a_claim_block_holds_its_kind_line_and_wrapped_text_in_reading_order() -> None:
    style = THEMES["default"].node(ClaimKind.PREMISE)
    block = SETTER.claim("PREMISE", ENGLISH, ClaimKind.PREMISE, style)
    texts = [line.text for line in block.lines]
    assert texts[0] == "PREMISE"
    assert " ".join(texts[1:]) == ENGLISH
    baselines = [line.baseline for line in block.lines]
    assert baselines == sorted(baselines)
    assert len(set(baselines)) == len(baselines)
    assert block.height > baselines[-1]
    assert block.width >= max(line.width for line in block.lines)


def test_a_thesis_is_set_larger_and_bolder_than_a_premise() -> None:
    theme = THEMES["default"]
    thesis = SETTER.claim("THESIS", "Text.", ClaimKind.THESIS, theme.node(ClaimKind.THESIS))
    premise = SETTER.claim("PREMISE", "Text.", ClaimKind.PREMISE, theme.node(ClaimKind.PREMISE))
    assert thesis.lines[-1].size > premise.lines[-1].size
    assert thesis.lines[-1].bold
    assert not premise.lines[-1].bold


# --- properties --------------------------------------------------------------------------

ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT, measure=st.floats(min_value=1.0, max_value=300.0), bold=st.booleans())
# A no-break space was left alone on a line, or at a line's end.
@example(text="0\xa00", measure=1.0, bold=False)
@example(text="10\xa0km away", measure=20.0, bold=False)
def test_wrapping_any_text_keeps_its_characters_and_the_measure(
    text: str, measure: float, bold: bool
) -> None:
    lines = SETTER.wrap(text, 10.5, bold, measure)
    assert squeeze("".join(lines)) == squeeze(text)
    assert_wrapped_within(lines, 10.5, bold, measure)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT, kind=st.sampled_from(list(ClaimKind)), theme=st.sampled_from(list(THEMES)))
def test_a_claim_block_is_as_wide_as_its_widest_line_for_any_text(
    text: str, kind: ClaimKind, theme: str
) -> None:
    block = SETTER.claim(kind.value.upper(), text, kind, THEMES[theme].node(kind))
    assert squeeze("".join(line.text for line in block.lines[1:])) == squeeze(text)
    assert all(block.width >= line.width for line in block.lines)
    assert block.height >= sum(line.size for line in block.lines)
