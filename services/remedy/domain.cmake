# The given names that are also ordinary words are data (data/ordinary_word_given_names.txt),
# embedded at build time: editing the file re-runs CMake and rebuilds, no code changes.
set(REDRESS_ORDINARY_WORD_GIVEN_NAMES_FILE
  ${CMAKE_CURRENT_SOURCE_DIR}/data/ordinary_word_given_names.txt)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${REDRESS_ORDINARY_WORD_GIVEN_NAMES_FILE})
file(READ ${REDRESS_ORDINARY_WORD_GIVEN_NAMES_FILE} REDRESS_ORDINARY_WORD_GIVEN_NAMES)
configure_file(ordinary_word_given_names_data.cc.in
  ${CMAKE_CURRENT_BINARY_DIR}/ordinary_word_given_names_data.cc @ONLY)

# The keyed hash of an anonymisation issue's identity (HMAC-SHA256) comes from OpenSSL's
# libcrypto, which gRPC already needs (libssl-dev).
find_package(OpenSSL REQUIRED)

add_library(remedy_domain STATIC
  anonymisation_guard.cc
  anonymisation_issue.cc
  case_summary.cc
  contact_phrases.cc
  date_match.cc
  letter_fold.cc
  line_breaks.cc
  name_context.cc
  name_phrases.cc
  ${CMAKE_CURRENT_BINARY_DIR}/ordinary_word_given_names_data.cc
  phone_match.cc
  recommendation.cc
  state_history.cc
  text_match.cc)
target_compile_options(remedy_domain PRIVATE ${REDRESS_WARNINGS})
target_link_libraries(remedy_domain PUBLIC redress_common PRIVATE OpenSSL::Crypto)

redress_test(remedy_domain_test
  SOURCES
    anonymisation_guard_contact_test.cc
    anonymisation_guard_issue_test.cc
    anonymisation_guard_names_test.cc
    anonymisation_guard_test.cc
    case_summary_test.cc
    letter_fold_test.cc
    line_breaks_test.cc
    text_match_test.cc
    state_history_test.cc
  LIBS remedy_domain redress_common_testing
  LABELS unit)
