package org.deepfig.config;

/**
 * Thrown from a config record's constructor when a value is out of range. {@code key} is the offending key inside
 * that record (snake_case, as written in YAML), so the loader can point at its exact line and column.
 */
public final class ConfigValueException extends IllegalArgumentException {
  private final String key;
  private final String fix;

  public ConfigValueException(String key, String message, String fix) {
    super(message);
    this.key = key;
    this.fix = fix;
  }

  public String key() {
    return key;
  }

  public String fix() {
    return fix;
  }

  public static void check(boolean ok, String key, String message, String fix) {
    if (!ok) throw new ConfigValueException(key, message, fix);
  }

  public static void atLeast(String key, double value, double min) {
    check(value >= min, key, key + " must be at least " + fmt(min) + ", got " + fmt(value),
        "set " + key + " to " + fmt(min) + " or more");
  }

  public static void atMost(String key, double value, double max) {
    check(value <= max, key, key + " must be at most " + fmt(max) + ", got " + fmt(value),
        "set " + key + " to " + fmt(max) + " or less");
  }

  /**
   * {@code value} must exceed {@code bound} (0: be positive). The fix offers {@code def}, the key's default, when it
   * is a value; else it names the described default {@code defText}, if any.
   */
  public static void above(String key, double value, double bound, String def, String defText) {
    String what = bound == 0 ? "positive" : "above " + fmt(bound);
    String fix = !def.isEmpty() ? "set " + key + " to e.g. " + def
        : "set " + key + " to a number above " + fmt(bound) + (defText.isEmpty() ? "" : "; by default it is " + defText);
    check(value > bound, key, key + " must be " + what + ", got " + fmt(value), fix);
  }

  public static void between(String key, double value, double min, double max) {
    check(value >= min && value <= max, key,
        key + " must be between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(value),
        "set " + key + " to a value in [" + fmt(min) + ", " + fmt(max) + "]");
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
