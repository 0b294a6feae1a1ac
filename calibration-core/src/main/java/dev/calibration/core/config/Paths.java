package dev.calibration.core.config;

/** JSON paths for problem reports: {@code $.a.b[0]}, with {@code ['odd name']} where needed. */
final class Paths {
  private Paths() {}

  static String child(String parent, String name) {
    if (!name.isEmpty() && isIdentifier(name)) {
      return parent + "." + name;
    }
    return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  private static boolean isIdentifier(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          c == '_'
              || c == '-'
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9' && i > 0);
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
