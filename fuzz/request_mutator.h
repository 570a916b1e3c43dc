// Structure-aware mutation of a request for the fuzz targets (service_fuzzer.h). libFuzzer's own
// mutations work on bytes, and nearly every one of them breaks a protobuf message: a string made
// longer no longer matches its length prefix, so gRPC refuses the request before any code of ours
// runs. (A fuzzer with only those found no handler that answered INTERNAL for names of more than
// 40 characters in two minutes.) MutateMessage changes the message itself, through reflection:
// one field anywhere in it, set or not, gets a new value (a string's bytes mutated by libFuzzer,
// numbers at and past their edges, enum values known and unknown), a message is added or cleared,
// a repeated field grows, shrinks or is reordered. The target alternates it with libFuzzer's byte
// mutations, which still send what no client library would encode.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>

#include "google/protobuf/message.h"

namespace redress::fuzz {

// libFuzzer's LLVMFuzzerMutate: mutates data[0, size) in place into at most `max_size` bytes and
// returns the new size.
using ByteMutator = size_t (*)(uint8_t* data, size_t size, size_t max_size);

// Applies one mutation to `message` (see the file comment), strings growing to at most
// `max_string_bytes`. Nested messages are reached to a depth of 8.
void MutateMessage(google::protobuf::Message& message, std::minstd_rand& random,
                   ByteMutator mutate_bytes, size_t max_string_bytes);

}  // namespace redress::fuzz
