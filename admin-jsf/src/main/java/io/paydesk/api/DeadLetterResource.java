package io.paydesk.api;

import io.paydesk.erp.commands.boundary.DeadLetterQueue;
import io.paydesk.erp.commands.boundary.DeadLetterQueue.DeadLetter;
import io.paydesk.platform.staff.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Dead-lettered ERP commands (ADMIN): browse them with their reasons, and replay one (it goes back
 * to the commands queue). Authenticated by web.xml's constraint on /api/staff/*; the boundary
 * checks the ADMIN role.
 */
@RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
@Path("staff/erp/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

  @EJB DeadLetterQueue deadLetters;

  @GET
  public List<DeadLetter> list(@QueryParam("max") @DefaultValue("100") int max) {
    return deadLetters.list(Math.max(1, Math.min(max, 1000)));
  }

  @POST
  @Path("{id}/replay")
  public Response replay(@PathParam("id") String id) {
    deadLetters.replay(id);
    return Response.noContent().build();
  }
}
