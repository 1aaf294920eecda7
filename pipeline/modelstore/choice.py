"""Which model translates a language: command line, then ``l10n.toml``, then the default.

``[models.LANG]`` (``forward``/``backward``, or ``model`` for both directions of a
multilingual model) wins over ``[models.default] model``, which wins over the per-language
opus-mt pair.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Config

from ..languages import default_models as profile_models
from ..languages import missing_models_error

DEFAULT_LANGS = ("ru",)
DEFAULT_SECTION = "default"


def default_models(lang: str) -> tuple[str | None, str | None]:
    """The default (forward, backward) hub ids for ``lang``: its language profile's opus-mt
    pair, None for a direction opus-mt has no model for."""
    return profile_models(lang)


def resolve_models(
    lang: str,
    config: Config | None = None,
    model_override: str | None = None,
    back_override: str | None = None,
) -> tuple[str, str]:
    """(forward, backward) model for ``lang``: CLI override, else ``[models.LANG]``, else
    ``[models.default]``, else :func:`default_models`."""
    forward, backward = default_models(lang)
    if config is not None:
        for section in (DEFAULT_SECTION, lang):
            configured = config.models.get(section)
            if configured is None:
                continue
            forward = configured.forward or configured.model or forward
            backward = configured.backward or configured.model or backward
    forward, backward = model_override or forward, back_override or backward
    if forward is None or backward is None:
        raise missing_models_error([lang])
    return forward, backward


def configured_langs(config: Config | None) -> list[str]:
    """Target languages named in the config's ``[models.LANG]`` tables, else the defaults."""
    langs = [lang for lang in (config.models if config else {}) if lang != DEFAULT_SECTION]
    return langs or list(DEFAULT_LANGS)
