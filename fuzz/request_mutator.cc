#include "fuzz/request_mutator.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "google/protobuf/descriptor.h"

namespace redress::fuzz {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;

constexpr int kMaxDepth = 8;

// A field of a message in the tree: where a mutation can land.
struct Site {
  Message* message;
  const FieldDescriptor* field;
};

void CollectSites(Message& message, int depth, std::vector<Site>& sites) {
  const Descriptor* descriptor = message.GetDescriptor();
  const Reflection* reflection = message.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    sites.push_back({&message, field});
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || depth >= kMaxDepth) continue;
    if (field->is_repeated()) {
      for (int j = 0; j < reflection->FieldSize(message, field); ++j) {
        CollectSites(*reflection->MutableRepeatedMessage(&message, field, j), depth + 1, sites);
      }
    } else if (reflection->HasField(message, field)) {
      CollectSites(*reflection->MutableMessage(&message, field), depth + 1, sites);
    }
  }
}

class Mutator {
 public:
  Mutator(std::minstd_rand& random, ByteMutator mutate_bytes, size_t max_string_bytes)
      : random_(random), mutate_bytes_(mutate_bytes), max_string_bytes_(max_string_bytes) {}

  void Mutate(Message& message) {
    std::vector<Site> sites;
    CollectSites(message, 0, sites);
    if (sites.empty()) return;
    const Site site = sites[Below(sites.size())];
    if (site.field->is_repeated()) {
      MutateRepeated(*site.message, site.field);
    } else {
      MutateSingular(*site.message, site.field);
    }
  }

 private:
  size_t Below(size_t n) { return n == 0 ? 0 : random_() % n; }
  bool OneIn(size_t n) { return Below(n) == 0; }

  // A string's bytes mutated by libFuzzer, now and then made much longer or emptied.
  std::string NewString(std::string value) {
    if (OneIn(16)) return "";
    if (OneIn(16)) {  // long: the limits of each field are checked before work on it
      const size_t length = std::min(max_string_bytes_, size_t{1} << Below(17));
      std::string filler = value.empty() ? std::string("x") : value;
      std::string long_value;
      while (long_value.size() < length) long_value += filler;
      long_value.resize(length);
      return long_value;
    }
    if (max_string_bytes_ == 0) return "";
    const size_t size = std::min(value.size(), max_string_bytes_);
    value.resize(std::min(max_string_bytes_, std::max<size_t>(size * 2, size + 64)));
    value.resize(mutate_bytes_(reinterpret_cast<uint8_t*>(value.data()), size, value.size()));
    return value;
  }

  // A number at or past an edge (in two's complement, so never undefined behaviour here).
  template <typename Int>
  Int NewInteger(Int value) {
    using Unsigned = std::make_unsigned_t<Int>;
    const Unsigned bits = static_cast<Unsigned>(value);
    switch (Below(8)) {
      case 0:
        return 0;
      case 1:
        return static_cast<Int>(bits + 1);
      case 2:
        return static_cast<Int>(bits - 1);
      case 3:
        return std::numeric_limits<Int>::max();
      case 4:
        return std::numeric_limits<Int>::min();
      case 5:
        return static_cast<Int>(~Unsigned{0});
      case 6:
        return static_cast<Int>(bits * 2 + 1);
      default:
        return static_cast<Int>(static_cast<Unsigned>(random_()) * (OneIn(2) ? 1 : 1000003));
    }
  }

  template <typename Float>
  Float NewFloat(Float value) {
    switch (Below(6)) {
      case 0:
        return 0;
      case 1:
        return -value;
      case 2:
        return std::numeric_limits<Float>::quiet_NaN();
      case 3:
        return std::numeric_limits<Float>::infinity();
      case 4:
        return std::numeric_limits<Float>::max();
      default:
        return static_cast<Float>(random_()) / 7;
    }
  }

  // An enum value: a declared one, or (proto3 enums are open) a number no value has.
  int NewEnum(const FieldDescriptor* field) {
    if (OneIn(4)) return NewInteger<int32_t>(field->enum_type()->value_count());
    return field->enum_type()->value(Below(field->enum_type()->value_count()))->number();
  }

  void MutateSingular(Message& message, const FieldDescriptor* field) {
    const Reflection* r = message.GetReflection();
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        r->SetString(&message, field, NewString(r->GetString(message, field)));
        return;
      case FieldDescriptor::CPPTYPE_INT32:
        r->SetInt32(&message, field, NewInteger(r->GetInt32(message, field)));
        return;
      case FieldDescriptor::CPPTYPE_INT64:
        r->SetInt64(&message, field, NewInteger(r->GetInt64(message, field)));
        return;
      case FieldDescriptor::CPPTYPE_UINT32:
        r->SetUInt32(&message, field, NewInteger(r->GetUInt32(message, field)));
        return;
      case FieldDescriptor::CPPTYPE_UINT64:
        r->SetUInt64(&message, field, NewInteger(r->GetUInt64(message, field)));
        return;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        r->SetDouble(&message, field, NewFloat(r->GetDouble(message, field)));
        return;
      case FieldDescriptor::CPPTYPE_FLOAT:
        r->SetFloat(&message, field, NewFloat(r->GetFloat(message, field)));
        return;
      case FieldDescriptor::CPPTYPE_BOOL:
        r->SetBool(&message, field, !r->GetBool(message, field));
        return;
      case FieldDescriptor::CPPTYPE_ENUM:
        r->SetEnumValue(&message, field, NewEnum(field));
        return;
      case FieldDescriptor::CPPTYPE_MESSAGE:
        if (r->HasField(message, field) && OneIn(2)) {
          r->ClearField(&message, field);
        } else {
          r->MutableMessage(&message, field);  // present, empty (or as it was)
        }
        return;
    }
  }

  void MutateRepeated(Message& message, const FieldDescriptor* field) {
    const Reflection* r = message.GetReflection();
    const int size = r->FieldSize(message, field);
    switch (size == 0 ? 0 : Below(5)) {
      case 0:
      case 1:  // one more: a copy of an element, or a new value
        AddElement(message, field, size);
        return;
      case 2:
        r->RemoveLast(&message, field);
        return;
      case 3:
        r->SwapElements(&message, field, static_cast<int>(Below(size)),
                        static_cast<int>(Below(size)));
        return;
      default:
        if (OneIn(4)) {  // many more: counts are checked before work on each element
          const int more = static_cast<int>(1 + Below(200));
          for (int i = 0; i < more; ++i) AddElement(message, field, size);
        } else {
          r->ClearField(&message, field);
        }
        return;
    }
  }

  void AddElement(Message& message, const FieldDescriptor* field, int size) {
    const Reflection* r = message.GetReflection();
    const int copied = size > 0 && OneIn(2) ? static_cast<int>(Below(size)) : -1;
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        r->AddString(&message, field,
                     NewString(copied >= 0 ? r->GetRepeatedString(message, field, copied) : ""));
        return;
      case FieldDescriptor::CPPTYPE_INT32:
        r->AddInt32(&message, field, NewInteger<int32_t>(0));
        return;
      case FieldDescriptor::CPPTYPE_INT64:
        r->AddInt64(&message, field, NewInteger<int64_t>(0));
        return;
      case FieldDescriptor::CPPTYPE_UINT32:
        r->AddUInt32(&message, field, NewInteger<uint32_t>(0));
        return;
      case FieldDescriptor::CPPTYPE_UINT64:
        r->AddUInt64(&message, field, NewInteger<uint64_t>(0));
        return;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        r->AddDouble(&message, field, NewFloat(0.0));
        return;
      case FieldDescriptor::CPPTYPE_FLOAT:
        r->AddFloat(&message, field, NewFloat(0.0f));
        return;
      case FieldDescriptor::CPPTYPE_BOOL:
        r->AddBool(&message, field, OneIn(2));
        return;
      case FieldDescriptor::CPPTYPE_ENUM:
        r->AddEnumValue(&message, field, NewEnum(field));
        return;
      case FieldDescriptor::CPPTYPE_MESSAGE: {
        Message* added = r->AddMessage(&message, field);
        if (copied >= 0) added->CopyFrom(r->GetRepeatedMessage(message, field, copied));
        return;
      }
    }
  }

  std::minstd_rand& random_;
  ByteMutator mutate_bytes_;
  size_t max_string_bytes_;
};

}  // namespace

void MutateMessage(google::protobuf::Message& message, std::minstd_rand& random,
                   ByteMutator mutate_bytes, size_t max_string_bytes) {
  Mutator(random, mutate_bytes, max_string_bytes).Mutate(message);
}

}  // namespace redress::fuzz
