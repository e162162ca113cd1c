// A 128-bit integer for exact intermediate products of money and rates (fen × numerator cannot
// overflow it). GCC and Clang provide it; __extension__ tells -Wpedantic that we know.
#pragma once

namespace sbc {
__extension__ typedef __int128 i128;
}
