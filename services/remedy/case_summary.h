// Rendering the published case summary (DESIGN §3) from a decided case and the remedies the
// organisation delivered: the plain text, byte for byte, and the same content as sections and
// footer fields. Pure functions; the case is read from investigation by the caller.
#pragma once

#include <string>
#include <vector>

#include "services/remedy/recommendation.h"

namespace redress::remedy {

// What a summary is made from: the decided case as investigation holds it.
struct DecidedCase {
  std::string investigation_id;
  std::string complaint;  // "complaints/{complaint}"
  int decision_sequence = 0;
  Jurisdiction jurisdiction = Jurisdiction::kUnspecified;
  // The narrative, paragraph by paragraph, exactly as written.
  std::vector<std::string> introduction;
  std::vector<std::string> what_happened;
  std::vector<std::string> what_we_found;
  std::vector<std::string> putting_it_right;
  std::vector<std::string> organisation_published_names;  // in the order recorded
  std::string location;                                   // "" for none
  std::vector<std::string> complaint_types;               // as recorded (any order, may repeat)
};

// The published label of a remedy type ("Apology", "Compensation for financial loss", ...);
// empty for a value outside the enum.
const std::string& RemedyLabel(RecommendationType type);

// The label shown for an empty complaint-type or remedy list.
inline constexpr char kNotApplicable[] = "Not applicable";

// Renders `decided_case` with `delivered` (the types of the recommendations complied with, any
// order, may repeat). The result has version 0 and no publish_time. Layout: the introduction's
// paragraphs; "What happened" and its paragraphs; "What we found" and its paragraphs; "Putting it
// right" and its paragraphs only when there is at least one; one line per organisation; the
// location line when not empty; complaint types (sorted by byte value, unique) or "Not
// applicable"; remedy labels (sorted, unique) or "Not applicable". Lines joined by "\n", no
// newline after the last. Paragraphs are copied byte for byte. `sections` holds the same
// paragraphs: the introduction (heading "", only when it has paragraphs), "What happened", "What
// we found", and "Putting it right" only when it has paragraphs. A type outside the enum has no
// label and is left out of the remedies.
CaseSummary RenderCaseSummary(const DecidedCase& decided_case,
                              const std::vector<RecommendationType>& delivered);

// The narrative of `decided_case` as (field path, paragraph) pairs, field paths named as in
// redress.investigation.v1.Investigation: "narrative.what_happened[2]".
struct NarrativeParagraph {
  std::string field;
  std::string text;
};
std::vector<NarrativeParagraph> NarrativeParagraphs(const DecidedCase& decided_case);

}  // namespace redress::remedy
