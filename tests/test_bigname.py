"""The speaker's name in large letters on the chair view (issue 13.7)."""

from screens.bigname import render_name


def test_a_name_in_large_letters_keeps_its_marks():
    assert render_name("Lê", 11) == [
        "           ",
        "       ▄▀▄ ",  # the circumflex over the E
        "█     █▀▀▀▀",
        "█     █▄▄▄ ",
        "█     █    ",
        "▀▀▀▀▀ ▀▀▀▀▀",
        "           ",
    ]


def test_tone_over_hat_and_dot_below():
    lines = render_name("Ễ", 5)
    assert lines is not None
    assert lines[0] == "▄▀▀▄▀"  # the tilde, above
    assert lines[1] == " ▄▀▄ "  # the circumflex, under the tilde
    dotted = render_name("Ị", 5)
    assert dotted is not None and dotted[-2:] == [" ▀▀▀ ", "  ▀  "]  # nặng, below the letter


def test_scaled_up_when_the_window_is_wide():
    small, large = render_name("Thu", 20), render_name("Thu", 40)
    assert small is not None and large is not None
    assert (len(small), len(small[0])) == (7, 17)
    assert (len(large), len(large[0])) == (13, 34)


def test_not_drawn_when_it_cannot_be():
    assert render_name("Lê", 10) is None  # too narrow even at the smallest size
    assert render_name("Lê 3", 100) is None  # a character the font lacks
    assert render_name("", 100) is None


def test_punctuation_the_font_lacks_is_left_out_of_the_large_letters():
    """Trial 11: "Lò Văn [Pá]" and "Hà Thị O'Nhung (Mế)" left the chair's band of large letters
    blank; the letters are drawn, the marks stay in the line under them."""
    assert render_name("Lò Văn [Pá]", 116) == render_name("Lò Văn Pá", 116)
    assert render_name("Hà Thị O'Nhung (Mế)", 116) == render_name("Hà Thị ONhung Mế", 116)
    assert render_name("[]", 116) is None  # nothing left to draw: the band shows the name
