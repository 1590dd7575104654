// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "archive/archivelimits.h"
#include "util/result.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace capaudit {

// One regular file of a bundle, as found by the directory scan or the archive extractor.
struct TreeFile {
    QString path; // normalised, relative, '/'-separated
    qint64 size = 0;
    QByteArray sha256; // raw digest; empty when not computed (directory bundles hash on demand)
};

// Sorts by the UTF-8 bytes of the path, the order files() promises.
void sortTree(std::vector<TreeFile>& files);

// Walks a directory bundle without following symlinks (the root itself may be one). Refuses symlinks and special
// files with an error naming them and applies the archive name rules and the entry/size limits. Errors carry
// file = ROOT and field = the relative path.
Result<std::vector<TreeFile>> scanDirectory(const QString& root, const ArchiveLimits& limits);

// Shared wording for refused entry types.
QString refusedTypeReason(const QString& name, const QString& what);

} // namespace capaudit
