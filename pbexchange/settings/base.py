"""Settings shared by every environment; values that differ per deployment come from the environment."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    # Project apps
    "home",
    "network",
    "library",
    "events",
    "matching",
    "tally",
    "toolkit",
    "bot",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    # Accounts
    "allauth",
    "allauth.account",
    # Background tasks
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "home.middleware.DatabaseUnavailableMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "pbexchange.urls"
# Forms never echo back more of a field than it accepts (error pages of oversized posts).
FORM_RENDERER = "home.rendering.BoundedEchoRenderer"
WSGI_APPLICATION = "pbexchange.wsgi.application"
ASGI_APPLICATION = "pbexchange.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_chrome",
            ],
        },
    },
]

# SQLite is the embedded default so the site runs with no server; production sets DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # 0 (a connection per request) by default: under ASGI, Django runs each request's sync code
    # in a thread of its own, and a connection kept open by that thread outlives it. The load
    # test (benchmarks/load.py) ran PostgreSQL out of connection slots that way with 60 s.
    # Long-running sync processes (task workers) may set DATABASE_CONN_MAX_AGE=60.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"]["ATOMIC_REQUESTS"] = False
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and task workers share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("pt", "Português"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "static_collected")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Uploads (documents, .pb files) may reach 20 MB; larger ones are refused with a message.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# --- Accounts (django-allauth) ----------------------------------------------------------------
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "network:my_account"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[PB Exchange] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
# Login attempts (docs/security.md). A failed password counts against the address it came from
# and against the pair (account, address): a stranger who guesses wrongly locks out only
# themselves. Failures on one account from every address together have a higher, longer limit;
# past it a password alone is refused and the owner gets in by resetting the password (proof
# of the mailbox), which clears the count. The state lives in the default cache, which every
# worker shares (the database cache unless REDIS_URL is set).
LOGIN_ATTEMPTS_WINDOW = env("LOGIN_ATTEMPTS_WINDOW", default="300s")
LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP = env.int("LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP", default=5)
LOGIN_ATTEMPTS_PER_IP = env.int("LOGIN_ATTEMPTS_PER_IP", default=20)
LOGIN_ATTEMPTS_PER_ACCOUNT = env("LOGIN_ATTEMPTS_PER_ACCOUNT", default="30/1h")
ACCOUNT_ADAPTER = "network.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": (f"{LOGIN_ATTEMPTS_PER_IP}/{LOGIN_ATTEMPTS_WINDOW}/ip,"
                     f"{LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP}/{LOGIN_ATTEMPTS_WINDOW}/key"),
    # Our own action (network/adapters.py): failures on one account from every address.
    "login_failed_account": f"{LOGIN_ATTEMPTS_PER_ACCOUNT}/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/180s/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
# Event proposals a member may send in 24 hours (events/services.py may_propose).
EVENT_PROPOSALS_PER_DAY = env.int("EVENT_PROPOSALS_PER_DAY", default=5)
ACCOUNT_FORMS = {"signup": "network.forms.SignupForm"}

# --- Email ------------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="127.0.0.1")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="PB Exchange <noreply@pb-exchange.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CONTACT_EMAIL = env("CONTACT_EMAIL", default="hello@pb-exchange.example")

# --- Background tasks -------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

# --- Calculator counts (tally/; docs/calculator-web.md) ----------------------------------------
# Every count runs as a task (tally.tasks.run_count) in a child process killed at the time limit.
TALLY_TIME_LIMIT = env.int("TALLY_TIME_LIMIT", default=60)  # seconds of one count or comparison
TALLY_INLINE_WAIT = env.float("TALLY_INLINE_WAIT", default=2.0)  # the form waits this long for a
# result before showing the progress page (the immediate backend counts inside the request)
TALLY_RESULT_TTL = env.int("TALLY_RESULT_TTL", default=7 * 24 * 60 * 60)  # seconds a result (and
# its stored vote) stays at its shareable URL; `manage.py tally_cleanup` deletes expired ones
TALLY_MAX_UPLOAD_BYTES = env.int("TALLY_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)  # one file
# Limits per visitor (anonymous: by IP as allauth reads it; members: by account) and for all
# anonymous visitors together. Counts and comparisons both count; over a limit the answer is 429.
TALLY_LIMITS = {
    "anonymous": {"running": 2, "per_hour": 20, "stored_bytes": 60 * 1024 * 1024},
    "member": {"running": 4, "per_hour": 120, "stored_bytes": 200 * 1024 * 1024},
    "all_anonymous": {"running": 6, "per_hour": 600},
}
TALLY_STORED_BYTES_TOTAL = env.int("TALLY_STORED_BYTES_TOTAL", default=2 * 1024**3)  # all votes
# The calculator's rule labels (calculator.RULES) are translated in its own catalogue.
LOCALE_PATHS += [BASE_DIR / "calculator" / "locale"]

# --- Caches -----------------------------------------------------------------------------------
# Every web worker must see the same cache: login rate limits live there (django-allauth keeps
# them in the default cache). Redis when REDIS_URL is set (several web machines), else a table in
# the site's own database, made by `migrate` (home/apps.py runs createcachetable after it).
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "pbx_cache", "OPTIONS": {"MAX_ENTRIES": 20_000}}}

# --- Wagtail ----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "PB Exchange"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# One login door: the admin sends people to the site's sign-in (rate limits, email
# verification), and passwords are reset and changed there too (network/account_views.py admin_login).
WAGTAILADMIN_LOGIN_URL = "admin_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# Wagtail's database backend, which also keeps the library's multilingual index (docs/search.md).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "library.search_backend"}}
# Days the library keeps its counts of searches (no personal data) for the gap report.
LIBRARY_SEARCH_LOG_DAYS = env.int("LIBRARY_SEARCH_LOG_DAYS", default=90)
# Seconds a process gathers those counts before writing them (0: at every search).
LIBRARY_SEARCH_LOG_FLUSH_SECONDS = env.int("LIBRARY_SEARCH_LOG_FLUSH_SECONDS", default=30)
# Search beyond one machine (docs/deploy.md): WAGTAILSEARCH_BACKEND=elasticsearch or opensearch,
# ELASTICSEARCH_URL=https://user:pass@host:9200 (needs `pip install "elasticsearch>=8,<9"` or
# `pip install "opensearch-py>=2,<3"`), then `manage.py update_index`.
WAGTAILSEARCH_BACKEND = env("WAGTAILSEARCH_BACKEND", default="database")
if WAGTAILSEARCH_BACKEND in ("elasticsearch", "opensearch"):
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "wagtail.search.backends." + (
            "elasticsearch8" if WAGTAILSEARCH_BACKEND == "elasticsearch" else "opensearch2"),
        "URLS": env.list("ELASTICSEARCH_URL"),
        "INDEX": env("ELASTICSEARCH_INDEX", default="pbexchange"),
        "TIMEOUT": env.int("ELASTICSEARCH_TIMEOUT", default=5),
        "OPTIONS": {},
        "INDEX_SETTINGS": {},
        "ATOMIC_REBUILD": True,
    }
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt"]
# Checks that the bytes are the kind of document the extension names (library/documents.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "library.documents.DocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# --- Security headers (shared; production tightens the transport ones) -------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY = {
    # The Wagtail admin relies on inline scripts and styles; only staff reach it.
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "font-src": ["'self'", "data:"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- Telegram bot -----------------------------------------------------------------------------
TELEGRAM_BOT_TOKEN = env("TELEGRAM_BOT_TOKEN", default="")
TELEGRAM_API_URL = env("TELEGRAM_API_URL", default="https://api.telegram.org")
TELEGRAM_WEBHOOK_SECRET = env("TELEGRAM_WEBHOOK_SECRET", default="")
TELEGRAM_BOT_USERNAME = env("TELEGRAM_BOT_USERNAME", default="PBExchangeBot")

SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

CSRF_FAILURE_VIEW = "home.views.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"forbidden_one_line": {"()": "home.log_filters.ForbiddenWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"filters": ["forbidden_one_line"]},
        "django.db.backends": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},
    },
}
