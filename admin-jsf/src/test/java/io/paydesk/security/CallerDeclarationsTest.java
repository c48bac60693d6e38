package io.paydesk.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Singleton;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public method of every boundary bean ({@code @Stateless}, {@code @Singleton} or
 * {@code @ApplicationScoped} in an {@code io.paydesk.*.boundary} package of any module) and every
 * resource method of the web API declares who may call it: {@code @RolesAllowed},
 * {@code @PermitAll} or {@code @DenyAll}, on the method or its class. The classes are found on the
 * test class path, where all modules are.
 */
class CallerDeclarationsTest {

  @Test
  void every_public_boundary_method_declares_who_may_call_it() {
    List<Class<?>> boundaries =
        classes().stream()
            .filter(c -> c.getPackageName().endsWith(".boundary"))
            .filter(
                c ->
                    c.isAnnotationPresent(Stateless.class)
                        || c.isAnnotationPresent(Singleton.class)
                        || c.isAnnotationPresent(ApplicationScoped.class))
            .toList();
    assertThat(boundaries)
        .extracting(Class::getName)
        .contains(
            "io.paydesk.payment.boundary.OrderService",
            "io.paydesk.payment.boundary.PaymentService",
            "io.paydesk.refund.boundary.RefundService",
            "io.paydesk.reconciliation.boundary.ReconciliationService",
            "io.paydesk.erp.outbox.boundary.EventLog",
            "io.paydesk.platform.client.boundary.ApiClients");
    assertThat(undeclared(boundaries, m -> true)).isEmpty();
  }

  @Test
  void every_resource_method_declares_who_may_call_it() {
    List<Class<?>> resources =
        classes().stream()
            .filter(c -> c.getPackageName().equals("io.paydesk.api"))
            .filter(c -> c.isAnnotationPresent(Path.class))
            .toList();
    assertThat(resources).extracting(Class::getSimpleName).contains("OrderResource");
    assertThat(
            undeclared(
                resources,
                m ->
                    m.isAnnotationPresent(GET.class)
                        || m.isAnnotationPresent(POST.class)
                        || m.isAnnotationPresent(PUT.class)
                        || m.isAnnotationPresent(DELETE.class)))
        .isEmpty();
  }

  private static List<String> undeclared(
      List<Class<?>> types, java.util.function.Predicate<Method> which) {
    List<String> missing = new ArrayList<>();
    for (Class<?> type : types) {
      boolean classDeclares = declares(type.getAnnotation(RolesAllowed.class) != null, type);
      for (Method method : type.getDeclaredMethods()) {
        if (!Modifier.isPublic(method.getModifiers())
            || Modifier.isStatic(method.getModifiers())
            || method.isSynthetic()
            || !which.test(method)) {
          continue;
        }
        boolean methodDeclares =
            method.isAnnotationPresent(RolesAllowed.class)
                || method.isAnnotationPresent(PermitAll.class)
                || method.isAnnotationPresent(DenyAll.class);
        if (!methodDeclares && !classDeclares) {
          missing.add(type.getName() + "." + method.getName());
        }
      }
    }
    return missing;
  }

  private static boolean declares(boolean roles, Class<?> type) {
    return roles
        || type.isAnnotationPresent(PermitAll.class)
        || type.isAnnotationPresent(DenyAll.class);
  }

  /** Every io.paydesk class on the class path (directories and jars). */
  private static List<Class<?>> classes() {
    List<String> names = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      File file = new File(entry);
      if (file.isDirectory()) {
        java.nio.file.Path root = file.toPath();
        try (Stream<java.nio.file.Path> walk = Files.walk(root)) {
          walk.map(p -> root.relativize(p).toString().replace(File.separatorChar, '/'))
              .forEach(names::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else if (file.getName().endsWith(".jar") && file.isFile()) {
        try (JarFile jar = new JarFile(file)) {
          jar.stream().map(e -> e.getName()).forEach(names::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return names.stream()
        .filter(n -> n.startsWith("io/paydesk/") && n.endsWith(".class") && !n.contains("$"))
        .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
        .distinct()
        .<Class<?>>map(CallerDeclarationsTest::load)
        .toList();
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, CallerDeclarationsTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
