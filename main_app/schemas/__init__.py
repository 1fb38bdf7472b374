"""Request and response schemas: the API's edge, also the source of its OpenAPI document."""
