"""机审 configuration the desk maintains in the admin: packs, word lists, names, corrections.

The engine (``engine/``) knows nothing about the database; ``service.get_proofreader()``
turns these rows into one ``Proofreader`` and caches it until any of them changes
(``signals.py``). Only neutral demo data ships with baoshe: a newsroom imports its own lists.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .engine import ALL_PACKS, Correction, parse_word_list
from .engine import NameEntry as EngineNameEntry
from .engine import WordList as EngineWordList
from .engine.findings import Severity
from .engine.packs.names import VARIANT_SEPARATORS
from .engine.packs.usage import parse_rules as parse_usage_rules
from .engine.proofreader import MAX_FINDINGS
from .engine.wordlists import DEFAULT_CATEGORY


class SeverityChoice(models.TextChoices):
    BLOCK = Severity.BLOCK.value, _("Block (must fix)")
    WARN = Severity.WARN.value, _("Warning (should fix)")
    INFO = Severity.INFO.value, _("Hint")


@register_setting(icon="spinner", name="proofread-settings")
class ProofreadSettings(BaseGenericSetting):
    """机审设置: which rule packs run, how strict the 广告法 check is, the allowlist."""

    # The engine's PACK_LABELS name the packs in Chinese for its own reports; the admin's
    # labels are interface text (the same words in the zh_Hans catalogue).
    pack_typo = models.BooleanField(_("Typos"), default=True)
    pack_sensitive = models.BooleanField(_("Sensitive words"), default=True)
    pack_adlaw = models.BooleanField(_("Advertising law"), default=True)
    pack_punctuation = models.BooleanField(_("Punctuation"), default=True)
    pack_numbers = models.BooleanField(_("Numbers"), default=True)
    pack_names = models.BooleanField(_("Names and titles"), default=True)
    pack_consistency = models.BooleanField(_("Consistency"), default=True)
    pack_usage = models.BooleanField(_("Standard usage"), default=True)
    advertising = models.BooleanField(
        _("Strict advertising law"),
        default=False,
        help_text=_(
            "When on, advertising-law warnings are raised to blocks. For advertising and "
            "sponsored-content channels."
        ),
    )
    include_demo_lists = models.BooleanField(
        _("Use the demo word lists"),
        default=True,
        help_text=_(
            "The built-in neutral demo lists (made-up words and gambling and fraud advertising "
            "phrases). Can be turned off once your own lists are imported."
        ),
    )
    max_findings = models.PositiveIntegerField(
        _("Maximum findings per article"),
        default=MAX_FINDINGS,
        validators=[MinValueValidator(10), MaxValueValidator(MAX_FINDINGS)],
        help_text=_(
            "Checking stops collecting beyond this, so a malformed article cannot slow the editor."
        ),
    )
    allowlist = models.TextField(
        _("Allowlist"),
        blank=True,
        help_text=_(
            "One term per line (such as brand names or quoted slogans); no finding inside these "
            "terms is reported."
        ),
    )

    usage_rules = models.TextField(
        _("Standard usage rules"),
        blank=True,
        help_text=_(
            "Your own rules for the standard usage pack, one per line, tab separated: pattern, "
            "suggestion, severity (block, warn or info), category, explanation, exceptions "
            "(separated by |). A pattern starting with re: is a regular expression. A line "
            "-pattern switches off the built-in rule with that pattern; a line with the pattern "
            "of a built-in rule replaces it. Lines starting with # are comments."
        ),
    )

    #: Changed on every configuration change (``service.bump_config_version``): how processes
    #: that share no cache (LocMemCache under several gunicorn workers) notice changes.
    config_version = models.CharField(max_length=32, blank=True, editable=False)

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel(f"pack_{p}") for p in ALL_PACKS[:4]]),
                FieldRowPanel([FieldPanel(f"pack_{p}") for p in ALL_PACKS[4:]]),
            ],
            heading=_("Enabled rule packs"),
        ),
        FieldPanel("advertising"),
        FieldPanel("include_demo_lists"),
        FieldPanel("max_findings"),
        FieldPanel("allowlist"),
        FieldPanel("usage_rules"),
    ]

    class Meta:
        verbose_name = _("machine review settings")
        verbose_name_plural = _("machine review settings")

    def clean(self):
        super().clean()
        _rules, _disabled, problems = parse_usage_rules(self.usage_rules or "")
        if problems:
            raise ValidationError(
                {
                    "usage_rules": _("These lines cannot be used: %(lines)s")
                    % {"lines": "; ".join(problems[:10])}
                }
            )

    @property
    def enabled_packs(self) -> list[str]:
        return [p for p in ALL_PACKS if getattr(self, f"pack_{p}")]

    @property
    def allowlist_terms(self) -> list[str]:
        return [t.strip() for t in self.allowlist.splitlines() if t.strip()]


class WordList(models.Model):
    """敏感词/违禁词表: terms in the engine's line format (see docs/proofread.md)."""

    name = models.CharField(_("list name"), max_length=60, unique=True)
    default_category = models.CharField(
        _("default category"),
        max_length=30,
        default=DEFAULT_CATEGORY,
        help_text=_("Terms that name no category are filed under this one."),
    )
    default_severity = models.CharField(
        _("default severity"),
        max_length=5,
        choices=SeverityChoice.choices,
        default=SeverityChoice.WARN,
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    terms = models.TextField(
        _("terms"),
        blank=True,
        help_text=_(
            "One term per line: term[Tab]category[Tab]severity[Tab]note; lines starting with # "
            "are comments; lines starting with ! are exception phrases."
        ),
    )
    term_count = models.PositiveIntegerField(_("term count"), default=0, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("default_category"), FieldPanel("default_severity")]),
        FieldPanel("enabled"),
        FieldPanel("terms"),
    ]

    class Meta:
        verbose_name = _("sensitive word list")
        verbose_name_plural = _("sensitive word lists")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The count is stored so the listing of a 100,000-term list does not parse it.
        self.term_count = len(self.parse()[0])
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "terms" in update_fields:
            kwargs["update_fields"] = {*update_fields, "term_count"}
        super().save(*args, **kwargs)

    def parse(self):
        """``(engine WordList, issues)`` for the stored terms."""
        word_list, issues = parse_word_list(
            self.terms,
            name=self.name,
            default_category=self.default_category or DEFAULT_CATEGORY,
            default_severity=self.default_severity,
        )
        word_list.enabled = self.enabled
        return word_list, issues

    def to_engine(self) -> EngineWordList:
        return self.parse()[0]


class NameEntry(models.Model):
    """人名职务: a person whose name and title the desk must get right."""

    class TitlePosition(models.TextChoices):
        BEFORE = "before", _("Title before the name (Mayor Li Minghua)")
        AFTER = "after", _("Title after the name (Li Minghua, Mayor)")
        ANY = "any", _("Either")

    name = models.CharField(_("person's name"), max_length=30)
    title = models.CharField(_("job title"), max_length=60, blank=True)
    variants = models.CharField(
        _("common misspellings"),
        max_length=200,
        blank=True,
        help_text=_("Separate several with commas, e.g. Li Minghua, Li Minhua"),
    )
    title_position = models.CharField(
        _("title position"),
        max_length=6,
        choices=TitlePosition.choices,
        default=TitlePosition.BEFORE,
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("title")]),
        FieldPanel("variants"),
        FieldPanel("title_position"),
        FieldPanel("note"),
        FieldPanel("enabled"),
    ]

    class Meta:
        verbose_name = _("name and title")
        verbose_name_plural = _("names and titles")
        ordering = ["name"]

    def __str__(self):
        return f"{self.title}{self.name}" if self.title else self.name

    @property
    def variant_list(self) -> list[str]:
        text = self.variants
        for sep in VARIANT_SEPARATORS:
            text = text.replace(sep, ",")
        return [v.strip() for v in text.split(",") if v.strip() and v.strip() != self.name]

    def to_engine(self) -> EngineNameEntry:
        position = None if self.title_position == self.TitlePosition.ANY else self.title_position
        return EngineNameEntry(
            self.name.strip(),
            self.title.strip() or None,
            tuple(self.variant_list),
            title_position=position,
            note=self.note,
        )


class CorrectionRule(models.Model):
    """自定义纠错: a wrong form the desk keeps seeing, and its fix (wrong → right)."""

    wrong = models.CharField(_("wrong form"), max_length=60)
    right = models.CharField(_("right form"), max_length=60)
    note = models.CharField(_("explanation"), max_length=200, blank=True)
    severity = models.CharField(
        _("severity"), max_length=5, choices=SeverityChoice.choices, default=SeverityChoice.WARN
    )
    enabled = models.BooleanField(_("enabled"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("wrong"), FieldPanel("right")]),
        FieldPanel("note"),
        FieldPanel("severity"),
        FieldPanel("enabled"),
    ]

    class Meta:
        verbose_name = _("custom correction")
        verbose_name_plural = _("custom corrections")
        ordering = ["wrong"]

    def __str__(self):
        return f"{self.wrong} → {self.right}"

    def to_engine(self) -> Correction:
        return Correction(
            self.wrong.strip(), self.right.strip(), self.note, Severity.parse(self.severity)
        )
