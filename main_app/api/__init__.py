"""HTTP layer: thin flask-smorest blueprints over the service functions, one per module."""

from flask import Flask

from service_kit import docs

from . import (
    admin_reconciliation,
    admin_studios,
    appointment_board,
    appointments,
    approvals,
    auth,
    automations,
    bookings,
    calendars,
    chats,
    checkin,
    client_whatsapp,
    client_whatsapp_consent,
    codes,
    desk,
    events,
    exports,
    facilitator,
    family,
    forms,
    health,
    imports,
    intake,
    invoices,
    mailbox,
    marketing,
    money,
    notifications,
    offers,
    operations,
    passes,
    pay_rates,
    payments,
    phones,
    privacy,
    public_studios,
    razorpay_checkout,
    refunds,
    reports,
    series,
    studio_delivery,
    studio_tokens,
    studios,
    test_checkout,
    texts,
    timetable,
    webhooks,
    whatsapp_webhook,
)

# Development's own pages (the mailbox shows everyone's mail, the test checkout pays without money): in production
# they are not registered at all, so neither served nor in /openapi.json.
DEVELOPMENT_ONLY = (mailbox, test_checkout)

# Every module's blueprints, registered in this order (the order of /docs).
MODULES = (
    health,
    auth,
    phones,
    chats,
    events,
    timetable,
    public_studios,
    bookings,
    offers,
    calendars,
    facilitator,
    approvals,
    checkin,
    series,
    passes,
    codes,
    intake,
    money,
    invoices,
    reports,
    pay_rates,
    exports,
    imports,
    privacy,
    notifications,
    operations,
    payments,
    razorpay_checkout,
    texts,
    whatsapp_webhook,
    studios,
    studio_delivery,
    studio_tokens,
    webhooks,
    automations,
    admin_studios,
    admin_reconciliation,
    desk,
    client_whatsapp,
    client_whatsapp_consent,
    refunds,
    marketing,
    forms,
    family,
    appointments,
    appointment_board,
)


def init_app(app: Flask) -> None:
    """The OpenAPI document, the /docs page and every blueprint (outside production, the development ones too)."""
    api = docs.init_app(app, "Sessions & Retreats booking API", bearer_format="JWT", keyed_writes=True)
    modules = list(MODULES)
    if app.config["APP_ENV"] != "production":
        modules += DEVELOPMENT_ONLY
    for module in modules:
        for blp in getattr(module, "blps", (getattr(module, "blp", None),)):
            api.register_blueprint(blp)
