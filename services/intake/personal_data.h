// What intake holds about a person and how it is erased (docs/privacy.md): the email address a
// subject access request names, and the pseudonymised form of a complaint and of its hand-off.
// Pure functions; the logic (intake_logic.h) and every store apply them.
#pragma once

#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "services/intake/complaint.h"

namespace redress::intake {

// The ErrorInfo reasons of an erasure refused: the complaint is still being worked, or its
// hand-off to investigation is not yet delivered (erasing it would hand over the marker).
inline constexpr std::string_view kReasonNotClosed = "NOT_CLOSED";
inline constexpr std::string_view kReasonHandoffPending = "HANDOFF_PENDING";
// A change refused because the complaint's personal data has been erased.
inline constexpr std::string_view kReasonErased = "ERASED";

// What replaces free text that may name or describe a person.
inline constexpr char kErasedText[] = "[erased]";

// The email address as requests name it and stores compare it: surrounding ASCII whitespace
// removed and ASCII letters lower-cased. Intake keeps addresses as written, so a lookup compares
// this with the stored address lower-cased the same way.
std::string NormaliseEmail(std::string_view email);

// The stable pseudonym of person `person_id` on complaint `complaint_id`: "erased-" and 12 hex
// digits of a SHA-256 of the two ids. Derived from ids, never from personal data, so it neither
// reveals nor links the person, and erasing twice gives the same value.
std::string PersonPseudonym(std::string_view complaint_id, std::string_view person_id);

// `complaint` with its personal data pseudonymised, as of `now`:
// - each person's details cleared but for the family name, which becomes PersonPseudonym;
//   role, relationship, authorisation and anonymised references ("Mr B") stay;
// - the narrative (what went wrong, injustice, outcome wanted), the closure note, the reasons of
//   assessments and their organisation parts, override reasons, and the explanations and
//   outcome reasons of reviews become kErasedText where they are not empty;
// - the referring MP's name and constituency (they place the complainant) become kErasedText;
// - state, decisions, checks' results and generated reasons, dates, organisations, assessors and
//   reviewers (staff) stay;
// - version is incremented and update_time set to `now`.
Complaint ErasedComplaint(const Complaint& complaint, absl::Time now);

// `handoff` with its narrative replaced by kErasedText where not empty; everything else stays.
AcceptanceHandoff ErasedHandoff(const AcceptanceHandoff& handoff);

// Whether intake's own record of `state` is closed: CLOSED (a closure reason) or ACCEPTED (handed
// to investigation, after which intake never changes it). Only a closed complaint is erased.
bool IsClosedForErasure(ComplaintState state);

}  // namespace redress::intake
