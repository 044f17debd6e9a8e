"""CJK fonts from PyPI (mplfonts' font files), for anything that draws Chinese on this machine.

``make run`` may not install system packages, so headless Chromium in the browser tests and
the picture generators find Noto Sans/Serif CJK SC here rather than in /usr/share/fonts.
"""

import importlib.util
from pathlib import Path

FONTCONFIG_TEMPLATE = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
  <alias><family>sans-serif</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias><family>serif</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
</fontconfig>
"""


def font_dir() -> Path:
    """The font folder inside the installed mplfonts package, found without importing it.

    Importing mplfonts imports matplotlib; the locks install mplfonts for its font files only
    (without matplotlib and numpy), so the package is located, never run.
    """
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("CJK fonts: the mplfonts package (demo extra) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


def font_path(name: str = "NotoSansCJKsc-Regular.otf") -> Path:
    return font_dir() / name


def write_fontconfig(directory: Path) -> Path:
    """A fontconfig file adding the packaged CJK fonts; point FONTCONFIG_FILE at it."""
    directory.mkdir(parents=True, exist_ok=True)
    config = directory / "fonts.conf"
    config.write_text(
        FONTCONFIG_TEMPLATE.format(fonts=font_dir(), cache=directory / "cache"), encoding="utf-8"
    )
    return config
