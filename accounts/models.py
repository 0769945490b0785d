import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

nav_ident_validator = RegexValidator(
    r"^[A-Z][0-9]{6}$",
    "NAV-ident skal være én stor bokstav og seks sifre, for eksempel Z123456.",
)
enhetsnummer_validator = RegexValidator(r"^[0-9]{4}$", "Enhetsnummer skal være fire sifre.")


class NavKontor(models.Model):
    enhetsnummer = models.CharField(
        "enhetsnummer", max_length=4, unique=True, validators=[enhetsnummer_validator]
    )
    name = models.CharField("navn", max_length=120, unique=True)
    municipality = models.CharField("kommune", max_length=120, blank=True)

    class Meta:
        verbose_name = "NAV-kontor"
        verbose_name_plural = "NAV-kontorer"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.enhetsnummer})"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_queryset(self):
        # Every page header shows the user's office; loading it with the user saves a query.
        return super().get_queryset().select_related("nav_kontor")

    def _create(self, nav_ident, password, **extra):
        user = self.model(nav_ident=nav_ident.strip().upper(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, nav_ident, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(nav_ident, password, **extra)

    def create_superuser(self, nav_ident, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(nav_ident, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An employee: NAV, Karrieresenteret or the county, identified by a NAV-ident."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nav_ident = models.CharField(
        "NAV-ident", max_length=7, unique=True, validators=[nav_ident_validator]
    )
    name = models.CharField("navn", max_length=150)
    email = models.EmailField("e-post", blank=True)
    nav_kontor = models.ForeignKey(
        NavKontor,
        verbose_name="NAV-kontor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employees",
    )
    is_active = models.BooleanField("aktiv", default=True)
    is_staff = models.BooleanField(
        "tilgang til admin", default=False, help_text="Kan logge inn i administrasjonen."
    )
    date_joined = models.DateTimeField("opprettet", default=timezone.now)
    # Bumped whenever her roles, clearances or grants change (accounts.access_cache), so
    # sessions that keep them know to read them again.
    access_version = models.PositiveIntegerField("tilgangsversjon", default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "nav_ident"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = "bruker"
        verbose_name_plural = "brukere"
        ordering = ["name"]
        indexes = [models.Index(fields=["nav_kontor", "name"], name="user_kontor_name_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.nav_ident})"

    def clean(self):
        super().clean()
        self.nav_ident = (self.nav_ident or "").strip().upper()

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.nav_ident
