package model

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Version is the schema version written on every payload this build emits.
const Version = 1

// ErrVersion is wrapped by Decode when a payload's "v" field is missing or
// names a schema version this build does not understand.
var ErrVersion = errors.New("unsupported schema version")

// ErrDecode is wrapped by Decode when a payload is not valid JSON for its
// type. Stages treat both ErrDecode and ErrVersion as permanent failures.
var ErrDecode = errors.New("undecodable payload")

// Versioned is implemented by every wire type.
type Versioned interface {
	SchemaVersion() int
}

// Decode unmarshals data into v and checks its schema version. A nil error
// means v holds a payload of the current version.
func Decode(data []byte, v Versioned) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%w: %T: %v", ErrDecode, v, err)
	}
	if got := v.SchemaVersion(); got != Version {
		if got == 0 {
			return fmt.Errorf("%w: %T has no \"v\" field (want %d)", ErrVersion, v, Version)
		}
		return fmt.Errorf("%w: %T has v=%d, this build reads v=%d", ErrVersion, v, got, Version)
	}
	return nil
}

// Encode marshals v after stamping the current schema version on it.
func Encode(v interface {
	Versioned
	stamp()
}) ([]byte, error) {
	v.stamp()
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode %T: %w", v, err)
	}
	return b, nil
}
