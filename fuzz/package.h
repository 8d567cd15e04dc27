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

// The custom mutator of the package targets (fuzz_ods, fuzz_xlsx): one time in
// four the zip itself (its headers, directory, deflate), otherwise one of its
// XML parts (.xml, .rels) mutated by libFuzzer and the package stored again,
// so that mutations reach the readers' parsers rather than libzip's checks.
size_t mutatePackage(unsigned char* data, size_t size, size_t maxSize, unsigned int seed);

}  // namespace rcfuzz
