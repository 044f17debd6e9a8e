"""机审 configuration the desk maintains in the admin: packs, word lists, names, corrections.

The engine (``engine/``) knows nothing about the database; ``service.get_proofreader()``
turns these rows into one ``Proofreader`` and caches it until any of them changes
(``signals.py``). Only neutral demo data ships with baoshe: a newsroom imports its own lists.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .engine import ALL_PACKS, PACK_LABELS, Correction, parse_word_list
from .engine import NameEntry as EngineNameEntry
from .engine import WordList as EngineWordList
from .engine.findings import Severity
from .engine.proofreader import MAX_FINDINGS


class SeverityChoice(models.TextChoices):
    BLOCK = Severity.BLOCK.value, "阻断（必须修改）"
    WARN = Severity.WARN.value, "警告（建议修改）"
    INFO = Severity.INFO.value, "提示"


@register_setting(icon="spinner", name="proofread-settings")
class ProofreadSettings(BaseGenericSetting):
    """机审设置: which rule packs run, how strict the 广告法 check is, the allowlist."""

    pack_typo = models.BooleanField(PACK_LABELS["typo"], default=True)
    pack_sensitive = models.BooleanField(PACK_LABELS["sensitive"], default=True)
    pack_adlaw = models.BooleanField(PACK_LABELS["adlaw"], default=True)
    pack_punctuation = models.BooleanField(PACK_LABELS["punctuation"], default=True)
    pack_numbers = models.BooleanField(PACK_LABELS["numbers"], default=True)
    pack_names = models.BooleanField(PACK_LABELS["names"], default=True)
    pack_consistency = models.BooleanField(PACK_LABELS["consistency"], default=True)
    advertising = models.BooleanField(
        "广告法从严",
        default=False,
        help_text="开启后，广告法“警告”级问题升为“阻断”，适用于广告、软文频道。",
    )
    include_demo_lists = models.BooleanField(
        "使用演示词表",
        default=True,
        help_text="内置的中性演示词表（虚构词与赌博、欺诈广告用语）。导入本社词表后可关闭。",
    )
    max_findings = models.PositiveIntegerField(
        "每篇最多问题数",
        default=MAX_FINDINGS,
        validators=[MinValueValidator(10), MaxValueValidator(MAX_FINDINGS)],
        help_text="超出后停止收集，防止异常稿件拖慢编辑器。",
    )
    allowlist = models.TextField(
        "白名单",
        blank=True,
        help_text="每行一个词（如品牌名、引用的口号）；落在这些词内的问题一律不提示。",
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
            heading="启用的规则包",
        ),
        FieldPanel("advertising"),
        FieldPanel("include_demo_lists"),
        FieldPanel("max_findings"),
        FieldPanel("allowlist"),
    ]

    class Meta:
        verbose_name = "机审设置"
        verbose_name_plural = "机审设置"

    @property
    def enabled_packs(self) -> list[str]:
        return [p for p in ALL_PACKS if getattr(self, f"pack_{p}")]

    @property
    def allowlist_terms(self) -> list[str]:
        return [t.strip() for t in self.allowlist.splitlines() if t.strip()]


class WordList(models.Model):
    """敏感词/违禁词表: terms in the engine's line format (see docs/proofread.md)."""

    name = models.CharField("词表名称", max_length=60, unique=True)
    default_category = models.CharField(
        "默认类别", max_length=30, default="敏感词", help_text="未写类别的词条归入此类。"
    )
    default_severity = models.CharField(
        "默认级别", max_length=5, choices=SeverityChoice.choices, default=SeverityChoice.WARN
    )
    enabled = models.BooleanField("启用", default=True)
    terms = models.TextField(
        "词条",
        blank=True,
        help_text="每行一条：词[Tab]类别[Tab]级别[Tab]备注；# 开头为注释；! 开头为例外短语。",
    )
    term_count = models.PositiveIntegerField("词条数", default=0, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("default_category"), FieldPanel("default_severity")]),
        FieldPanel("enabled"),
        FieldPanel("terms"),
    ]

    class Meta:
        verbose_name = "敏感词表"
        verbose_name_plural = "敏感词表"
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
            default_category=self.default_category or "敏感词",
            default_severity=self.default_severity,
        )
        word_list.enabled = self.enabled
        return word_list, issues

    def to_engine(self) -> EngineWordList:
        return self.parse()[0]


class NameEntry(models.Model):
    """人名职务: a person whose name and title the desk must get right."""

    class TitlePosition(models.TextChoices):
        BEFORE = "before", "职务在前（市长李明华）"
        AFTER = "after", "职务在后（李明华市长）"
        ANY = "any", "均可"

    name = models.CharField("姓名", max_length=30)
    title = models.CharField("职务", max_length=60, blank=True)
    variants = models.CharField(
        "常见误写", max_length=200, blank=True, help_text="多个用逗号或顿号分隔，如：李明化、李名华"
    )
    title_position = models.CharField(
        "职务位置", max_length=6, choices=TitlePosition.choices, default=TitlePosition.BEFORE
    )
    note = models.CharField("备注", max_length=200, blank=True)
    enabled = models.BooleanField("启用", default=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("title")]),
        FieldPanel("variants"),
        FieldPanel("title_position"),
        FieldPanel("note"),
        FieldPanel("enabled"),
    ]

    class Meta:
        verbose_name = "人名职务"
        verbose_name_plural = "人名职务"
        ordering = ["name"]

    def __str__(self):
        return f"{self.title}{self.name}" if self.title else self.name

    @property
    def variant_list(self) -> list[str]:
        text = self.variants
        for sep in ("，", "、", ";", "；", " "):
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

    wrong = models.CharField("错误写法", max_length=60)
    right = models.CharField("正确写法", max_length=60)
    note = models.CharField("说明", max_length=200, blank=True)
    severity = models.CharField(
        "级别", max_length=5, choices=SeverityChoice.choices, default=SeverityChoice.WARN
    )
    enabled = models.BooleanField("启用", default=True)

    panels = [
        FieldRowPanel([FieldPanel("wrong"), FieldPanel("right")]),
        FieldPanel("note"),
        FieldPanel("severity"),
        FieldPanel("enabled"),
    ]

    class Meta:
        verbose_name = "自定义纠错"
        verbose_name_plural = "自定义纠错"
        ordering = ["wrong"]

    def __str__(self):
        return f"{self.wrong} → {self.right}"

    def to_engine(self) -> Correction:
        return Correction(
            self.wrong.strip(), self.right.strip(), self.note, Severity.parse(self.severity)
        )
