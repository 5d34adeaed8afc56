#pragma once

#include <QColor>

namespace nps::ui {

// The NPS group colours, the same on every screen and every exported chart so a
// slide deck reads consistently: red detractors, amber passives, green promoters.
inline QColor detractorColor()
{
    return QColor(0xd9, 0x53, 0x4f);
}
inline QColor passiveColor()
{
    return QColor(0xf0, 0xad, 0x4e);
}
inline QColor promoterColor()
{
    return QColor(0x5c, 0xb8, 0x5c);
}

} // namespace nps::ui
