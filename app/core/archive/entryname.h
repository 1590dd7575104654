// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QByteArrayView>
#include <QHash>
#include <QString>

namespace capaudit {

constexpr qsizetype kMaxEntryNameBytes = 1024;

// Validates a path taken from an archive header or a directory walk and returns it normalised: components joined by
// '/', no leading "./", no trailing '/'. Refuses absolute paths, '..', empty or '.' components, backslashes, NUL and
// control characters, non-UTF-8 and names over kMaxEntryNameBytes. A directory may normalise to "" (the root).
// The Error carries field (the name as far as it can be shown) and reason; the caller sets file.
Result<QString> normaliseEntryName(QByteArrayView raw, bool isDirectory);

// Quotes a name for an error message; invalid UTF-8 shows as U+FFFD, control characters as \xNN.
QString displayName(QByteArrayView raw);

// Tracks the names already in a bundle. Two names that differ only in letter case or Unicode normalisation are
// refused as duplicates: on macOS and Windows they are the same file, so a signer and an auditor on different
// systems would see different content under one name.
class EntryIndex {
public:
    // PATH must already be normalised. Registers its parent directories as implied directories.
    Status addFile(const QString& path);
    Status addDirectory(const QString& path);

private:
    enum class Kind { File, Directory };
    struct Known {
        Kind kind;
        QString name;
    };
    Status addParents(const QString& path);
    static QString key(const QString& path);

    QHash<QString, Known> m_known;
};

} // namespace capaudit
