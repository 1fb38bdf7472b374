"""Payment providers by name; PAYMENT_PROVIDER picks the one new checkouts use (webhooks name theirs in the path)."""

from collections.abc import Mapping

from .base import PaymentProvider, UnknownProvider


def make_provider(name: str, config: Mapping) -> PaymentProvider:
    """The provider called name, configured from an app's config; UnknownProvider for any other name."""
    if name == "test":
        from .test_provider import TestProvider

        return TestProvider.from_config(config)
    if name == "stripe":
        from .stripe_provider import StripeProvider

        return StripeProvider.from_config(config)
    if name == "razorpay":
        from .razorpay_provider import RazorpayProvider

        return RazorpayProvider.from_config(config)
    raise UnknownProvider(name)


PROVIDERS = ("test", "stripe", "razorpay")
