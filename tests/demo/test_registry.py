"""``load-demo`` finds each installed app's demo through its AppConfig, dependencies first."""

import sys
import types

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from baoshe_demo import registry
from baoshe_demo.newsroom import story, story_keys


def test_the_installed_apps_demos_run_dependencies_first():
    labels = [demo.label for demo in registry.app_demos()]
    assert labels == ["newsroom", "workflow", "epaper"]


def test_an_app_without_installed_app_contributes_no_demo(monkeypatch):
    configs = [c for c in apps.get_app_configs() if c.label != "epaper"]
    monkeypatch.setattr(registry.apps, "get_app_configs", lambda: configs)
    assert [demo.label for demo in registry.app_demos()] == ["newsroom", "workflow"]


def fake_app(monkeypatch, label, after, module_name):
    module = types.ModuleType(module_name)
    module.AFTER = after
    module.load = lambda stdout, style: None
    monkeypatch.setitem(sys.modules, module_name, module)
    return types.SimpleNamespace(label=label, demo=module_name)


def test_an_app_config_names_its_demo_module(monkeypatch):
    extra = fake_app(monkeypatch, "sports", ("epaper",), "tests_fake_sports_demo")
    configs = [extra, *apps.get_app_configs()]
    monkeypatch.setattr(registry.apps, "get_app_configs", lambda: configs)
    labels = [demo.label for demo in registry.app_demos()]
    assert labels == ["newsroom", "workflow", "epaper", "sports"]


def test_a_demo_needing_a_missing_demo_is_refused(monkeypatch):
    extra = fake_app(monkeypatch, "sports", ("weather",), "tests_fake_sports_demo")
    monkeypatch.setattr(registry.apps, "get_app_configs", lambda: [extra])
    with pytest.raises(ImproperlyConfigured, match="weather"):
        registry.app_demos()


def test_demos_depending_on_each_other_are_refused(monkeypatch):
    first = fake_app(monkeypatch, "one", ("two",), "tests_fake_demo_one")
    second = fake_app(monkeypatch, "two", ("one",), "tests_fake_demo_two")
    monkeypatch.setattr(registry.apps, "get_app_configs", lambda: [first, second])
    with pytest.raises(ImproperlyConfigured, match="cycle"):
        registry.app_demos()


def test_other_demos_read_a_story_through_the_newsroom_demo():
    keys = story_keys()
    assert len(keys) >= 60 and "yaowen-01" in keys
    lead = story("yaowen-01")
    assert lead.title and lead.paragraphs and all(isinstance(p, str) for p in lead.paragraphs)
    with pytest.raises(KeyError):
        story("no-such-story")
