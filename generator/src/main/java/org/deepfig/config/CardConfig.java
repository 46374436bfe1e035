package org.deepfig.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model card (Mitchell et al. 2019, "Model Cards for Model Reporting"): what the model is for and what it is not,
 * what it was trained and evaluated on, its ethical considerations and caveats, who owns it and under which licence.
 * Rendered at the top of the report with the measured numbers filled in; every field is expected, and the ones left
 * out are named in a warning and shown as "not given".
 */
@Doc("A model card shown at the top of the HTML and PDF report (Mitchell et al. 2019), with the measured test "
    + "accuracy, macro F1 and calibration error filled in; every field is expected, missing ones are named in a "
    + "warning.")
public record CardConfig(
    @Doc("What the model is for: tasks, users, setting") String intendedUse,
    @Doc("Uses the model is not for, or was not evaluated for") String outOfScopeUses,
    @Doc("The data the model was trained on: source, size, how it was collected and labelled") String trainingData,
    @Doc("The data the numbers on the card come from, and why it was chosen") String evaluationData,
    @Doc("Risks, sensitive uses, groups that may be affected") String ethicalConsiderations,
    @Doc("Known limitations and recommendations") String caveats,
    @Doc("Who maintains the model and answers questions about it (people, team, contact)") List<String> owners,
    @Doc("The model's licence") String licence) {

  public CardConfig {
    owners = owners == null ? null : List.copyOf(owners);
  }

  /** The fields as the card shows them, in order: YAML key → (label, text or null when not given). */
  public Map<String, String[]> fields() {
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("intended_use", new String[] {"Intended use", blank(intendedUse)});
    m.put("out_of_scope_uses", new String[] {"Out-of-scope uses", blank(outOfScopeUses)});
    m.put("training_data", new String[] {"Training data", blank(trainingData)});
    m.put("evaluation_data", new String[] {"Evaluation data", blank(evaluationData)});
    m.put("ethical_considerations", new String[] {"Ethical considerations", blank(ethicalConsiderations)});
    m.put("caveats", new String[] {"Caveats and recommendations", blank(caveats)});
    List<String> named = owners == null ? List.of() : owners.stream().filter(o -> o != null && !o.isBlank()).toList();
    m.put("owners", new String[] {"Owners", named.isEmpty() ? null : String.join(", ", named)});
    m.put("licence", new String[] {"Licence", blank(licence)});
    return m;
  }

  /** The YAML keys of the fields left out or blank, in card order. */
  public List<String> missing() {
    List<String> out = new ArrayList<>();
    fields().forEach((k, v) -> {
      if (v[1] == null) out.add(k);
    });
    return out;
  }

  /**
   * The warning naming the missing fields, or null when the card is complete; {@code where} names the config (and
   * line) of the {@code card:} section.
   */
  public String warning(String where) {
    List<String> missing = missing();
    if (missing.isEmpty()) return null;
    return where + ": the model card lacks " + String.join(", ", missing) + " — the report shows "
        + (missing.size() == 1 ? "it" : "them") + " as \"not given\"; add " + (missing.size() == 1 ? "it" : "them")
        + " under card:";
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
