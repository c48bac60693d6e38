package io.paydesk.platform.audit.boundary;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is acting in this request, and from where: filled by the web module's filter for every HTTP
 * request ({@code actor} is the logged-in member of staff, or null; {@code address} the client's IP
 * address as the server sees it). Calls that are not HTTP requests (janitors, the relay, ERP
 * commands) leave the actor null, or name {@code "ERP"}/{@code "system"}, and are not audited as
 * staff actions.
 */
@RequestScoped
public class StaffRequest {

  private String actor;
  private String address;
  private int depth;

  public void set(String actor, String address) {
    this.actor = actor;
    this.address = address;
  }

  public String actor() {
    return actor;
  }

  public String address() {
    return address;
  }

  /** Enters an audited call; true when it is the outermost one (the one to record). */
  boolean enter() {
    return depth++ == 0;
  }

  void leave() {
    depth--;
  }
}
