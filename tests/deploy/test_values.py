"""deploy/values.yaml: only the learners named log in, no admin is reachable by a shared
secret, and the file (with each commented example login) is valid for the chart.

The chart's JSON schema and defaults are in tests/deploy/z2jh/ (see its README); every
setting under ``hub.config`` must be a configurable trait of the class it names, checked
on the installed authenticator packages (requirements-hub.txt).
"""

import copy
import importlib
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from traitlets import HasTraits

from .values_examples import TEXT, examples

VALUES = yaml.safe_load(TEXT)
Z2JH = Path(__file__).parent / "z2jh"
SHARED_SECRET = {"dummy", "shared-password", "jupyterhub.auth.DummyAuthenticator",
                 "jupyterhub.authenticators.shared.SharedPasswordAuthenticator"}
CLASSES = {  # the class each hub.config section configures: (module, class, package to skip on)
    "JupyterHub": ("jupyterhub.app", "JupyterHub"),
    "Authenticator": ("jupyterhub.auth", "Authenticator"),
    "SharedPasswordAuthenticator": ("jupyterhub.authenticators.shared", "SharedPasswordAuthenticator"),
    "GitHubOAuthenticator": ("oauthenticator.github", "GitHubOAuthenticator"),
    "GenericOAuthenticator": ("oauthenticator.generic", "GenericOAuthenticator"),
    "LTI13Authenticator": ("ltiauthenticator.lti13.auth", "LTI13Authenticator"),
    "NativeAuthenticator": ("nativeauthenticator", "NativeAuthenticator"),
}


EXAMPLES = examples()
TITLES = {"institution": next(t for t in EXAMPLES if t.startswith("institution")),
          "lti": next(t for t in EXAMPLES if "LTI 1.3" in t),
          "native": next(t for t in EXAMPLES if "approved" in t),
          "first try": next(t for t in EXAMPLES if t.startswith("a first try"))}


def with_hub(hub):
    values = copy.deepcopy(VALUES)
    values["hub"] = hub
    return values


ALL = {"the active one": VALUES, **{k: with_hub(EXAMPLES[t][1]["hub"]) for k, t in TITLES.items()}}


def helm_merge(base, values):
    """``values`` over ``base`` as Helm merges a values file over the chart's defaults."""
    merged = copy.deepcopy(base)
    for key, value in values.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def admins(config):
    return [(cls, key) for cls, settings in config.items() for key in settings
            if key in ("admin_users", "admin_password", "admin_groups") and settings[key]]


def test_every_example_was_found():
    assert len(EXAMPLES) == 4


@pytest.mark.parametrize("name", sorted(ALL))
def test_valid_for_the_charts_schema(name):
    schema = json.loads((Z2JH / "values.schema.json").read_text())
    defaults = json.loads((Z2JH / "values.json").read_text())
    jsonschema.Draft7Validator(schema).validate(helm_merge(defaults, ALL[name]))


def test_the_schema_check_can_fail():
    schema = json.loads((Z2JH / "values.schema.json").read_text())
    defaults = json.loads((Z2JH / "values.json").read_text())
    typo = copy.deepcopy(VALUES)
    typo["singleuser"]["lifecycleHook"] = typo["singleuser"].pop("lifecycleHooks")
    with pytest.raises(jsonschema.ValidationError, match="lifecycleHook"):
        jsonschema.Draft7Validator(schema).validate(helm_merge(defaults, typo))


def test_the_active_login_lets_in_only_the_named_learners_and_names_no_admin():
    config = VALUES["hub"]["config"]
    assert config["JupyterHub"]["authenticator_class"] not in SHARED_SECRET | {"null", "pam"}
    assert admins(config) == []
    settings = {k: v for section in config.values() for k, v in section.items()}
    assert settings.get("allow_all") is not True and settings.get("allow_existing_users") is not True
    assert len(settings["allowed_users"]) >= 1


def test_the_shared_password_example_is_separate_warned_and_names_no_admin():
    prose, example = EXAMPLES[TITLES["first try"]]
    assert "WARNING" in prose and "never for a class" in prose
    config = example["hub"]["config"]
    assert config["JupyterHub"]["authenticator_class"] == "shared-password"
    assert admins(config) == []
    assert "allow_all" not in config["Authenticator"] and config["Authenticator"]["allowed_users"]
    assert "shared-password" not in yaml.safe_dump(VALUES) and "dummy" not in yaml.safe_dump(VALUES)


def test_only_the_sign_up_example_has_an_admin_and_it_logs_in_with_its_own_password():
    for name, values in ALL.items():
        found = admins(values["hub"]["config"])
        if name == "native":
            assert found == [("Authenticator", "admin_users")]
            assert values["hub"]["config"]["NativeAuthenticator"]["open_signup"] is False
        else:
            assert found == [], name


def _class(section):
    module, name = CLASSES[section]
    package = module.split(".")[0]
    pytest.importorskip(package, reason=f"{package} is not installed (pip install -r "
                                        f"requirements-hub.txt)")
    return getattr(importlib.import_module(module), name)


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_setting_is_a_trait_of_the_class_it_configures(name):
    config = ALL[name]["hub"]["config"]
    for section, settings in config.items():
        cls = _class(section)
        traits = cls.class_traits(config=True)
        unknown = sorted(set(settings) - set(traits))
        assert not unknown, f"{section} has no setting {unknown}"
        for key, value in settings.items():  # a value of the wrong kind raises TraitError
            got = traits[key].validate(HasTraits(), value)
            if section != "JupyterHub":  # there the class named is loaded: checked below
                assert (set(got) == set(value)) if isinstance(value, list) else got == value, key
    chosen = config["JupyterHub"]["authenticator_class"]
    configured = [s for s in config if s not in ("JupyterHub", "Authenticator")]
    if "." in chosen:
        module, _, cls_name = chosen.rpartition(".")
        assert _class(cls_name) is getattr(importlib.import_module(module), cls_name)
    else:
        from importlib.metadata import entry_points
        (point,) = entry_points(group="jupyterhub.authenticators", name=chosen)
        cls_name = point.value.rpartition(":")[2]
    assert configured == [cls_name]
