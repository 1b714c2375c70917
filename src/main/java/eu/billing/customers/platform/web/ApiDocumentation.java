package eu.billing.customers.platform.web;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** Document-level OpenAPI: the API key scheme every /v1 route uses. */
@OpenAPIDefinition(info = @Info(title = "customers-service", version = "1.0.0",
        description = "Customers API of an EU-focused billing platform. JSON is snake_case; single objects "
                + "come as {\"data\": ...}, lists as {\"data\": [...], \"pagination\": {...}}, errors as "
                + "RFC 9457 application/problem+json with a stable code."))
@SecurityScheme(securitySchemeName = "api_key", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Authorization: Bearer <API key>; /v1/admin routes take the admin token instead")
public class ApiDocumentation extends Application {
}
