// A flat .fods is one XML document (root office:document) holding what an .ods
// package splits into meta.xml, styles.xml and content.xml. Neither .ods reader
// takes that document directly (orcus 0.17 reads only packages; the native
// reader's parser is internal to ods_reader.cpp), so we give them a package
// whose content.xml is the whole flat document: both read styles, automatic
// styles and the body by element name, whatever the root is called.
#pragma once

#include <string>

namespace reportcheck {

// The bytes of a zip (entries stored, not compressed): mimetype, content.xml =
// `xml`, and styles.xml = `xml` too when `withStyles` (orcus reads the common
// styles only from styles.xml). `path` is for messages. Throws ReadError.
std::string flatOdsAsZip(const std::string& xml, const std::string& path, bool withStyles);

}  // namespace reportcheck

namespace reportcheck {

// What a package's content.xml would hold, from a flat document:
//  - LibreOffice writes .fods indented: white space between elements, outside
//    any paragraph. ODF says it means nothing, but the .ods reader takes every
//    text node inside a cell as the cell's text (a package's content.xml is not
//    indented, so it never met them). Removed when it stands alone between two
//    tags outside text:p / text:h; white space inside a paragraph (a space
//    between two spans) is kept.
//  - Charts and pictures are inline (draw:object holds a whole chart document
//    with its own table:table; office:binary-data a picture in base64), where a
//    package keeps them in other files. Dropped with their content.
// Linear, one pass; attribute values may hold '>'.
std::string flatContentForOdsReader(const std::string& xml);

}  // namespace reportcheck
