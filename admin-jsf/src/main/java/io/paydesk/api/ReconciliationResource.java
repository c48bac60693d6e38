package io.paydesk.api;

import io.paydesk.export.Exports;
import io.paydesk.platform.staff.entity.Role;
import io.paydesk.reconciliation.boundary.ReconciliationService;
import io.paydesk.reconciliation.boundary.ReconciliationView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Reconciliation for staff (FINANCE, ADMIN; HTTP Basic by web.xml's constraint on
 * /api/reconciliation/*, roles checked again by the boundary): the days, one day's report, starting
 * or rerunning a date, and resolving a discrepancy (FINANCE). One bill per merchant per day: the
 * optional query parameter {@code merchant} (a mch_id) names whose; without it, the first merchant
 * (for the days: every merchant the caller may see). Errors are problem+json.
 */
@RolesAllowed({Role.FINANCE_NAME, Role.ADMIN_NAME})
@Path("reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

  @EJB ReconciliationService reconciliation;
  @Inject Exports exports;

  /** Body of a resolution. */
  public static class Resolution {
    @NotBlank(message = "a note saying how it was resolved is required")
    @Size(max = 512, message = "a note has at most 512 characters")
    public String note;
  }

  @GET
  public List<ReconciliationView.Day> days(
      @QueryParam("merchant") String merchant, @QueryParam("max") @DefaultValue("90") int max) {
    return reconciliation.days(merchant, max);
  }

  @GET
  @Path("{date}")
  public ReconciliationView.Report report(
      @PathParam("date") String date, @QueryParam("merchant") String merchant) {
    return reconciliation.report(merchant, date);
  }

  /**
   * The date's discrepancies (its latest run) as a CSV file (UTF-8 with BOM, for Excel), streamed.
   */
  @GET
  @Path("{date}/discrepancies/export")
  @Produces("text/csv; charset=UTF-8")
  public Response exportDiscrepancies(
      @PathParam("date") String date,
      @QueryParam("merchant") String merchant,
      @Context HttpHeaders headers) {
    // a bad or unknown date, or a merchant the caller may not see: a problem, not a CSV
    String mchId = reconciliation.day(merchant, date).mchId();
    var locale = CsvDownload.locale(headers);
    return CsvDownload.of(
        "discrepancies-" + mchId + "-" + date + ".csv",
        out -> exports.discrepancies(mchId, date, locale, out));
  }

  /** Starts (or reruns) the date; the job runs in the background: 202 with the day's state. */
  @POST
  @Path("{date}/runs")
  public Response start(@PathParam("date") String date, @QueryParam("merchant") String merchant) {
    return Response.accepted(reconciliation.start(merchant, date)).build();
  }

  @POST
  @Path("discrepancies/{id}/resolution")
  @Consumes(MediaType.APPLICATION_JSON)
  public ReconciliationView.Item resolve(
      @PathParam("id") long id,
      @Valid @NotNull(message = "a JSON body with a note is required") Resolution body) {
    return reconciliation.resolve(id, body.note);
  }
}
