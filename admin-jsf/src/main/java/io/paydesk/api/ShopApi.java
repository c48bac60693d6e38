package io.paydesk.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** JAX-RS lives under /api: the shop and mini-program API, and WeChat's callbacks. */
@ApplicationPath("api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "PayDesk API",
            version = "1",
            description = "Orders and payments for a WeChat mini-program shop. Amounts are fen."))
public class ShopApi extends Application {}
