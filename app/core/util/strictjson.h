// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QByteArrayView>

namespace capaudit {

// Deepest nesting of objects and arrays accepted in any JSON document CapAudit reads. Evidence and configuration
// nest fewer than 16 levels; the limit keeps hostile input from exhausting the stack of any parser behind us.
inline constexpr int kMaxJsonDepth = 64;

// A strict pre-pass over JSON text (RapidJSON SAX reader), run before QJsonDocument parses the same bytes.
// QJsonDocument silently keeps the last of two equal keys, so another verifier reading the first one would see a
// different document; that ambiguity is refused here. Also refused: text that is not UTF-8, escaped lone
// surrogates (\ud800 alone), raw NUL bytes, NaN/Infinity and numbers out of double range, and nesting deeper than
// MAXDEPTH. The error names FILENAME, the line, the JSON pointer of the offending key or value and the byte offset.
Status checkStrictJson(QByteArrayView bytes, const QString& fileName, int maxDepth = kMaxJsonDepth);

} // namespace capaudit
