// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

namespace capaudit::sql {
class Database;
}

namespace capaudit::schema {

// Part of migration 4 (trust anchor scopes), run inside its transaction. An anchor of a case made before scopes
// existed would authorize nothing, so every bundle imported under it would turn "rejected" on re-verification. Its
// scope is therefore inferred from what it already vouched for: the providers of the verified bundles whose verdict
// names it as the anchor (by fingerprint when the verdict records it, else by label and role among the anchors in
// force at that import). The inferred scopes are listed in a "schema-migration" trail entry; without a trail (a new
// file) nothing is inferred or recorded.
Status inferAnchorScopes(sql::Database& db);

} // namespace capaudit::schema
