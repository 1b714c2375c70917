package eu.billing.customers.platform.web;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.servers.ServerVariable;

/**
 * Document-level OpenAPI: info, servers and the two security schemes. What every operation
 * shares (problem responses, headers, which scheme applies) is added by {@link OpenApiConventions};
 * the rules are in docs/openapi.md.
 */
@OpenAPIDefinition(
        info = @Info(title = "customers-service", version = "1.0.0",
                description = "Customers API of an EU-focused billing platform. JSON is snake_case; single objects "
                        + "come as {\"data\": ...}, lists as {\"data\": [...], \"pagination\": {...}}, errors as "
                        + "RFC 9457 application/problem+json with a stable code (unknown codes and extra members "
                        + "may be added: clients must accept them). In request bodies an absent field is left as "
                        + "it is and, where the field is nullable, null clears it.",
                // e-mail and URL: quarkus.smallrye-openapi.info-contact-email / -url at build time
                contact = @Contact(name = "customers-service maintainers")),
        servers = {
                @Server(url = "{scheme}://{host}", description = "A deployment of customers-service",
                        variables = {
                                @ServerVariable(name = "scheme", defaultValue = "https", enumeration = { "https", "http" },
                                        description = "http only on a trusted network"),
                                @ServerVariable(name = "host", defaultValue = "customers.example.com",
                                        description = "Host (and port) of the deployment") }),
                @Server(url = "http://localhost:8080", description = "Dev mode (./mvnw quarkus:dev)") })
@SecurityScheme(securitySchemeName = OpenApiConventions.API_KEY, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Authorization: Bearer <API key>. A key belongs to one organization; every /v1 route but "
                + "/v1/admin takes it. Each key has a role (admin, write, read_only); each operation names the role "
                + "it needs in x-required-role and its description, and a key below it gets 403 FORBIDDEN.")
@SecurityScheme(securitySchemeName = OpenApiConventions.ADMIN_TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Authorization: Bearer <CUSTOMERS_ADMIN_TOKEN>, for the /v1/admin routes only.")
public class ApiDocumentation extends Application {
}
