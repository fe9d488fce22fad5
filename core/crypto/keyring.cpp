#include "crypto/keyring.h"
