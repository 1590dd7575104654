// SPDX-License-Identifier: GPL-3.0-or-later
#include "archive/utf8locale.h"

#include <initializer_list>

namespace capaudit {

Utf8LocaleScope::Utf8LocaleScope()
{
    // C.UTF-8 is built into glibc >= 2.35; older systems usually have en_US.UTF-8. Without either the process
    // locale stays in force, which is still correct in the usual UTF-8 desktop session.
    for (const char* name : { "C.UTF-8", "C.utf8", "en_US.UTF-8" }) {
        m_locale = ::newlocale(LC_CTYPE_MASK, name, nullptr);
        if (m_locale)
            break;
    }
    if (m_locale)
        m_previous = ::uselocale(m_locale);
}

Utf8LocaleScope::~Utf8LocaleScope()
{
    if (m_locale) {
        ::uselocale(m_previous);
        ::freelocale(m_locale);
    }
}

} // namespace capaudit
