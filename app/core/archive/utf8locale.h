// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <locale.h>

namespace capaudit {

// libarchive converts entry names between the header's charset and the *current locale*: in a C or Latin-1 locale
// it mangles UTF-8 names, and its writers even crash on names it cannot convert. Bundle names are UTF-8 by rule, so
// archive code runs with a UTF-8 LC_CTYPE for this thread only (uselocale), whatever the process locale is. That
// also makes written archives identical under every locale.
class Utf8LocaleScope {
public:
    Utf8LocaleScope();
    ~Utf8LocaleScope();
    Utf8LocaleScope(const Utf8LocaleScope&) = delete;
    Utf8LocaleScope& operator=(const Utf8LocaleScope&) = delete;

private:
    locale_t m_locale = nullptr;
    locale_t m_previous = nullptr;
};

} // namespace capaudit
