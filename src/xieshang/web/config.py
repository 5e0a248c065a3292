"""Every setting of the web app in one place: typed, with defaults and help text.

Settings come from environment variables named ``XIESHANG_*`` (plus the conventional ``DATABASE_URL``).
An unknown ``XIESHANG_*`` key stops the start-up with a message naming it, so a typo never goes unnoticed.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


class ConfigError(Exception):
    """A setting that cannot be used. The message names the key and what is wrong."""


@dataclass(frozen=True)
class Setting:
    key: str
    default: str
    help: str
    parse: Callable[[str], Any]


def _bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"应为 true/false（实际 {text!r}）")


def _path(text: str) -> Path:
    return (Path(text).expanduser() if text else Path.cwd() / "xieshang-data").resolve()


def _megabytes(text: str) -> int:
    """Megabytes (a positive number, decimals allowed) as a byte count."""
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"应为正数（MB）（实际 {text!r}）") from None
    if not value > 0:
        raise ValueError(f"应为正数（MB）（实际 {text!r}）")
    return int(value * 1024 * 1024)


def _count(text: str) -> int:
    """A whole number ≥ 1."""
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"应为正整数（实际 {text!r}）") from None
    if value < 1:
        raise ValueError(f"应为正整数（实际 {text!r}）")
    return value


def _mode(text: str) -> str:
    lowered = text.strip().lower() or "local"
    if lowered not in ("local", "server"):
        raise ValueError(f"应为 local 或 server（实际 {text!r}）")
    return lowered


def _seconds(text: str) -> int:
    """A whole number of seconds ≥ 0."""
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"应为整数秒（实际 {text!r}）") from None
    if value < 0:
        raise ValueError(f"应为整数秒（实际 {text!r}）")
    return value


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = text.strip().lower()
        if value not in allowed:
            raise ValueError(f"应为 {' 或 '.join(allowed)}（实际 {text!r}）")
        return value

    return parse


def _hour(text: str) -> int:
    """An hour of the day, 0–23."""
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"应为 0 到 23 的整点（实际 {text!r}）") from None
    if not 0 <= value <= 23:
        raise ValueError(f"应为 0 到 23 的整点（实际 {text!r}）")
    return value


def _url(text: str) -> str:
    value = text.strip().rstrip("/")
    if value and urlsplit(value).scheme not in ("http", "https"):
        raise ValueError(f"应为 http:// 或 https:// 开头的地址（实际 {text!r}）")
    return value


_worker = _choice("thread", "none")
_storage = _choice("local", "s3")


def _hosts(text: str) -> list[str]:
    return [h.strip() for h in text.split(",") if h.strip()]


def _address(text: str) -> str:
    """An IP address (or empty)."""
    value = text.strip()
    if value:
        try:
            ipaddress.ip_address(value)
        except ValueError:
            raise ValueError(f"应为反向代理的 IP 地址，如 127.0.0.1（实际 {text!r}）") from None
    return value


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "XIESHANG_DATA_DIR",
        "",
        "数据目录：SQLite 数据库和密钥所在 Data directory (default ./xieshang-data)",
        _path,
    ),
    Setting(
        "XIESHANG_MODE",
        "local",
        "local：一人使用，启动时打印一次性登录链接；server：机构服务器（账号、密码、两步验证、共享案件）"
        " local: one person, a one-time sign-in link; server: an organisation's server (accounts, sharing)",
        _mode,
    ),
    Setting(
        "XIESHANG_FILE_KEYS",
        "",
        "上传文件的加密密钥（base64，32 字节），逗号分隔，第一个用于加密；留空则在数据目录生成"
        " File encryption keys (base64, 32 bytes), comma-separated, the first encrypts; generated if empty",
        str,
    ),
    Setting(
        "XIESHANG_HSTS_SECONDS",
        "31536000",
        "server 模式下 HSTS 的有效期（秒），0 表示不发 HSTS Strict-Transport-Security max-age in server mode",
        _seconds,
    ),
    Setting(
        "XIESHANG_SIGNIN_MAX_FAILURES",
        "5",
        "一个账号连续输错密码几次后锁定 15 分钟 Failed password sign-ins before an account is locked for 15 min",
        _count,
    ),
    Setting("XIESHANG_DEBUG", "false", "调试模式，只用于开发 Django debug mode, for development only", _bool),
    Setting(
        "XIESHANG_SECRET_KEY",
        "",
        "会话签名密钥；留空则在数据目录生成并保存 Secret key; generated in the data dir if empty",
        str,
    ),
    Setting(
        "XIESHANG_ALLOWED_HOSTS",
        "127.0.0.1,localhost,[::1]",
        "允许的主机名，逗号分隔 Host names the server answers to, comma-separated",
        _hosts,
    ),
    Setting(
        "XIESHANG_CSRF_TRUSTED_ORIGINS",
        "",
        "反向代理后的可信来源 Trusted origins behind a reverse proxy, e.g. https://xieshang.example.org",
        _hosts,
    ),
    Setting(
        "XIESHANG_TRUSTED_PROXY",
        "",
        "终止 TLS 的反向代理的地址：相信它的 X-Forwarded-For/-Proto，Cookie 只走 HTTPS "
        "Address of the TLS-terminating reverse proxy whose X-Forwarded-For/-Proto are believed",
        _address,
    ),
    Setting(
        "DATABASE_URL", "", "PostgreSQL 连接，如 postgresql://user:pass@host:5432/db；留空用 SQLite", str
    ),
    Setting(
        "XIESHANG_EVIDENCE_MAX_MB",
        "50",
        "单个证据文件上限（MB），证据存于 <数据目录>/evidence Size limit per evidence file in MB",
        _megabytes,
    ),
    Setting(
        "XIESHANG_BILL_MAX_MB",
        "20",
        "单个账单文件上限（MB），用于导入支付宝/微信/银行账单 Size limit per uploaded bill file in MB",
        _megabytes,
    ),
    Setting(
        "XIESHANG_CASEFILE_MAX_MB",
        "2",
        "导入的案件文件（YAML/JSON）上限（MB） Size limit of an imported case file in MB",
        _megabytes,
    ),
    Setting(
        "XIESHANG_PAYMENTS_MAX_MB",
        "2",
        "导入的还款记录 CSV 上限（MB） Size limit of an imported payments CSV in MB",
        _megabytes,
    ),
    Setting(
        "XIESHANG_BUDGET_MAX_MB",
        "5",
        "导入的收支表模板（xlsx）上限（MB） Size limit of an imported budget template in MB",
        _megabytes,
    ),
    Setting(
        "XIESHANG_ARCHIVE_MAX_MB",
        "200",
        "导入的完整案件导出（zip）上限（MB） Size limit of an imported complete case export in MB",
        _megabytes,
    ),
    Setting(
        "XIESHANG_UPLOAD_MAX_FILES",
        "10",
        "一次上传最多几个文件（证据、材料、账单） Most files in one upload (evidence, materials, bills)",
        _count,
    ),
    Setting(
        "XIESHANG_WORKER",
        "thread",
        "后台任务：thread 由 xieshang serve 自带；none 由单独的 xieshang worker 进程运行 Who runs background jobs",
        _worker,
    ),
    Setting(
        "XIESHANG_BACKGROUND_BILL_MB",
        "1",
        "一次上传的账单合计超过这个大小（MB）就在后台导入 Bill uploads larger than this import in the background",
        _megabytes,
    ),
    Setting(
        "XIESHANG_STORAGE",
        "local",
        "文件存放：local 数据目录；s3 兼容 S3 的对象存储 Where files live: local or s3",
        _storage,
    ),
    *(
        Setting(f"XIESHANG_S3_{key}", default, f"对象存储（XIESHANG_STORAGE=s3）{help_}", str)
        for key, default, help_ in (
            ("BUCKET", "", "存储桶 bucket name"),
            ("ENDPOINT_URL", "", "服务地址，如 https://oss-cn-hangzhou.aliyuncs.com endpoint URL"),
            ("REGION", "", "区域 region name"),
            ("ACCESS_KEY", "", "访问密钥 ID access key id"),
            ("SECRET_KEY", "", "访问密钥 secret access key"),
            ("PREFIX", "xieshang", "桶内的路径前缀 key prefix inside the bucket"),
            ("ADDRESSING", "virtual", "virtual 或 path（自建服务多用 path） addressing style"),
        )
    ),
    Setting(
        "XIESHANG_REMINDER_HOUR",
        "8",
        "每天几点（北京时间，0–23）起由后台进程发送邮件提醒 Local hour from which the daily reminder mails go out",
        _hour,
    ),
    Setting(
        "XIESHANG_PUBLIC_URL",
        "http://127.0.0.1:8000",
        "邮件里案件链接的开头，如 https://xieshang.example.org Public address used in the links of e-mails",
        _url,
    ),
    *(
        Setting(f"XIESHANG_SMTP_{key}", default, f"邮件提醒（remind --send、每日提醒）SMTP {help_}", str)
        for key, default, help_ in (
            ("HOST", "", "服务器 server host"),
            ("PORT", "587", "端口 port"),
            ("USER", "", "用户名 user name"),
            ("PASSWORD", "", "密码 password"),
            ("FROM", "", "发件人 sender address"),
            (
                "TO",
                "",
                "收件人，逗号分隔（只用于 remind 案件文件）recipients of remind FILE, comma-separated",
            ),
            ("TLS", "", "starttls、ssl 或 none（默认按端口）starttls, ssl or none (default by port)"),
        )
    ),
)

KNOWN_KEYS = frozenset(s.key for s in SETTINGS)


@dataclass(frozen=True)
class Config:
    data_dir: Path
    debug: bool
    secret_key: str
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    database_url: str
    trusted_proxy: str = ""
    evidence_max_bytes: int = 50 * 1024 * 1024
    bill_max_bytes: int = 20 * 1024 * 1024
    casefile_max_bytes: int = 2 * 1024 * 1024
    payments_max_bytes: int = 2 * 1024 * 1024
    budget_max_bytes: int = 5 * 1024 * 1024
    upload_max_files: int = 10
    mode: str = "local"
    file_keys: str = ""
    hsts_seconds: int = 31536000
    signin_max_failures: int = 5
    archive_max_bytes: int = 200 * 1024 * 1024
    worker: str = "thread"
    background_bill_bytes: int = 1024 * 1024
    storage: str = "local"
    s3: dict[str, str] = field(default_factory=dict)
    reminder_hour: int = 8
    public_url: str = "http://127.0.0.1:8000"
    smtp: dict[str, str] = field(
        default_factory=dict
    )  # XIESHANG_SMTP_* by lower-case key ("host", "port", …)


def load_config(environ: Mapping[str, str] | None = None) -> Config:
    """Read and check every setting; raise :class:`ConfigError` for unknown keys or bad values."""
    env = os.environ if environ is None else environ
    unknown = sorted(k for k in env if k.startswith("XIESHANG_") and k not in KNOWN_KEYS)
    if unknown:
        raise ConfigError(
            f"未知的设置 Unknown setting(s): {', '.join(unknown)}. 可用 Known: {', '.join(sorted(KNOWN_KEYS))}"
        )
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = env.get(setting.key, setting.default)
        try:
            values[setting.key] = setting.parse(raw)
        except ValueError as error:
            raise ConfigError(f"{setting.key}: {error}") from None
    data_dir: Path = values["XIESHANG_DATA_DIR"]
    secret = values["XIESHANG_SECRET_KEY"] or _stored_secret(data_dir)
    return Config(
        data_dir=data_dir,
        debug=values["XIESHANG_DEBUG"],
        secret_key=secret,
        allowed_hosts=values["XIESHANG_ALLOWED_HOSTS"],
        csrf_trusted_origins=values["XIESHANG_CSRF_TRUSTED_ORIGINS"],
        database_url=values["DATABASE_URL"],
        trusted_proxy=values["XIESHANG_TRUSTED_PROXY"],
        evidence_max_bytes=values["XIESHANG_EVIDENCE_MAX_MB"],
        bill_max_bytes=values["XIESHANG_BILL_MAX_MB"],
        casefile_max_bytes=values["XIESHANG_CASEFILE_MAX_MB"],
        payments_max_bytes=values["XIESHANG_PAYMENTS_MAX_MB"],
        budget_max_bytes=values["XIESHANG_BUDGET_MAX_MB"],
        upload_max_files=values["XIESHANG_UPLOAD_MAX_FILES"],
        mode=values["XIESHANG_MODE"],
        file_keys=values["XIESHANG_FILE_KEYS"],
        hsts_seconds=values["XIESHANG_HSTS_SECONDS"],
        signin_max_failures=values["XIESHANG_SIGNIN_MAX_FAILURES"],
        archive_max_bytes=values["XIESHANG_ARCHIVE_MAX_MB"],
        worker=values["XIESHANG_WORKER"],
        background_bill_bytes=values["XIESHANG_BACKGROUND_BILL_MB"],
        storage=values["XIESHANG_STORAGE"],
        s3={k[len("XIESHANG_S3_") :].lower(): v for k, v in values.items() if k.startswith("XIESHANG_S3_")},
        reminder_hour=values["XIESHANG_REMINDER_HOUR"],
        public_url=values["XIESHANG_PUBLIC_URL"],
        smtp={
            k[len("XIESHANG_SMTP_") :].lower(): v for k, v in values.items() if k.startswith("XIESHANG_SMTP_")
        },
    )


def _stored_secret(data_dir: Path) -> str:
    """The secret key kept in the data directory, created on first use (readable by the owner only)."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key
