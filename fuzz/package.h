// .ods packages in memory for the fuzz targets: unpack one, and pack entries
// again uncompressed, so that what gets mutated is the XML inside rather than
// deflate streams and CRCs (which would reject nearly every mutated byte).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace rcfuzz {

using Entries = std::vector<std::pair<std::string, std::string>>;  // name -> bytes, in order

// The entries of a zip; false when it is not one libzip can read.
bool unpack(const std::string& zipBytes, Entries& out);
// A zip of `entries`, stored (not compressed); empty on failure.
std::string pack(const Entries& entries);

}  // namespace rcfuzz
