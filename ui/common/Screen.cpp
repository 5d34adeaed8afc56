#include "Screen.h"
