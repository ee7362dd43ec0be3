from pathlib import Path

import pytest

from service.settings import LogLevel, Settings, SettingsError, load_settings


def test_defaults_without_environment():
    assert load_settings({}) == Settings()


def test_values_come_from_claimex_variables_only():
    settings = load_settings({
        "CLAIMEX_PORT": "9001", "CLAIMEX_LOG_LEVEL": "debug", "CLAIMEX_MODEL_PATH": "/opt/m",
        "CLAIMEX_MAX_TEXT_CHARS": "1000", "PORT": "1", "CLAIMEX_UNKNOWN": "x",
    })
    assert settings.port == 9001
    assert settings.log_level is LogLevel.DEBUG
    assert settings.model_path == Path("/opt/m")
    assert settings.max_text_chars == 1000


def test_slow_client_and_shutdown_settings():
    settings = load_settings({
        "CLAIMEX_HEADER_TIMEOUT_SECONDS": "2.5", "CLAIMEX_BODY_TIMEOUT_SECONDS": "60",
        "CLAIMEX_SHUTDOWN_DRAIN_SECONDS": "0", "CLAIMEX_SHUTDOWN_TIMEOUT_SECONDS": "40",
    })
    assert (settings.header_timeout_seconds, settings.body_timeout_seconds) == (2.5, 60.0)
    assert (settings.shutdown_drain_seconds, settings.shutdown_timeout_seconds) == (0.0, 40)


@pytest.mark.parametrize("env", [
    {"CLAIMEX_HEADER_TIMEOUT_SECONDS": "0"}, {"CLAIMEX_BODY_TIMEOUT_SECONDS": "-1"},
    {"CLAIMEX_SHUTDOWN_DRAIN_SECONDS": "-0.5"}, {"CLAIMEX_SHUTDOWN_TIMEOUT_SECONDS": "0"},
    {"CLAIMEX_BODY_TIMEOUT_SECONDS": "nan"},
])
def test_bad_timeouts_fail_loudly(env):
    with pytest.raises(SettingsError):
        load_settings(env)


def test_precision_setting():
    assert Settings().precision == "auto"
    assert load_settings({"CLAIMEX_PRECISION": "fp32"}).precision == "fp32"


@pytest.mark.parametrize("env", [
    {"CLAIMEX_PORT": "eighty"}, {"CLAIMEX_WORKERS": "0"}, {"CLAIMEX_LOG_LEVEL": "loud"},
    {"CLAIMEX_MAX_BODY_BYTES": "-5"}, {"CLAIMEX_PRECISION": "int8"},
])
def test_bad_values_fail_loudly(env):
    with pytest.raises(SettingsError):
        load_settings(env)


def test_auth_metrics_and_access_log_settings():
    settings = load_settings({"CLAIMEX_API_KEYS_FILE": "/etc/claimex/api-keys", "CLAIMEX_METRICS_PORT": "9090",
                              "CLAIMEX_ACCESS_LOG": "false"})
    assert settings.api_keys_file == Path("/etc/claimex/api-keys")
    assert settings.metrics_port == 9090
    assert settings.access_log is False
    assert (Settings().api_keys_file, Settings().metrics_port, Settings().access_log) == (None, None, True)


@pytest.mark.parametrize("env", [
    {"CLAIMEX_METRICS_PORT": "0"}, {"CLAIMEX_METRICS_PORT": "70000"}, {"CLAIMEX_METRICS_PORT": "8000"},
    {"CLAIMEX_METRICS_PORT": "9090", "CLAIMEX_WORKERS": "2"}, {"CLAIMEX_ACCESS_LOG": "sometimes"},
])
def test_bad_metrics_and_access_log_settings_fail_loudly(env):
    with pytest.raises(SettingsError):
        load_settings(env)
