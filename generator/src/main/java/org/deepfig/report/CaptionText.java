package org.deepfig.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caption split into what it says about the figure and its pointer instruction ("Hover a point for its input
 * image"), which only makes sense where the figure has hover annotations: on paper it is dropped, on a touch screen
 * it reads "Tap". A citation in parentheses that ends the instruction stays with the caption.
 *
 * @param text the caption without the instruction
 * @param action the instruction after its verb ("a point for its input image and classes."), or null when none
 */
public record CaptionText(String text, String action) {
  /** A clause that starts with "hover" at the start of the caption or after a full stop or semicolon. */
  private static final Pattern HOVER = Pattern.compile("(^|(?<=[.;])\\s+)[Hh]over\\s+");
  private static final Pattern CITATION = Pattern.compile("\\s*(\\([^()]*\\d{4}[^()]*\\))\\s*$");

  public static CaptionText of(String caption) {
    if (caption == null) return new CaptionText(null, null);
    Matcher m = HOVER.matcher(caption);
    if (!m.find()) return new CaptionText(caption, null);
    int start = m.start();
    int end = clauseEnd(caption, m.end());
    boolean semicolon = start > 0 && caption.charAt(start - 1) == ';';
    String action = caption.substring(m.end(), end).trim().replaceFirst(";$", "");
    String rest = caption.substring(end).trim();
    // "…; hover a point for …. NH = …" leaves "…. NH = …": the semicolon becomes the full stop the clause had
    String before = semicolon ? caption.substring(0, start - 1) + "." : caption.substring(0, start);
    Matcher cite = CITATION.matcher(action.endsWith(".") ? action.substring(0, action.length() - 1) : action);
    if (cite.find()) {
      before = before.endsWith(".") ? before.substring(0, before.length() - 1) + " " + cite.group(1) + "."
          : before + " " + cite.group(1);
      action = action.substring(0, cite.start()).trim() + ".";
    }
    if (!action.endsWith(".")) action = action + ".";
    String text = (before.trim() + " " + rest).trim();
    return new CaptionText(text.isEmpty() ? null : text, action);
  }

  /** The end of the clause that starts at {@code from}: after its full stop (outside parentheses), or at a semicolon. */
  private static int clauseEnd(String s, int from) {
    int depth = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') depth++;
      else if (c == ')') depth = Math.max(0, depth - 1);
      else if (depth == 0 && c == ';') return i + 1;
      else if (depth == 0 && c == '.' && (i + 1 == s.length() || Character.isWhitespace(s.charAt(i + 1)))) return i + 1;
    }
    return s.length();
  }
}
