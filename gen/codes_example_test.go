package gen_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/pennydrop/juspay-accounts/gen"
)

// An error body's codes compare with the ErrorCode constants; a code with no
// constant still decodes. An ErrorCode is an error, so errors.Is finds one
// that an error wraps (wrapper.APIError matches its body's codes the same way).
func ExampleErrorCode() {
	for _, body := range []string{
		`{"status":"error","error_code":"invalid_request","error_info":{"code":"DUPLICATE_REQUEST"}}`,
		`{"status":"error","error_code":"invalid_request","error_info":{"code":"SOMETHING_NEW"}}`,
	} {
		var e gen.ErrorResponse
		if err := json.Unmarshal([]byte(body), &e); err != nil {
			panic(err)
		}
		switch gen.ErrorCode(e.ErrorInfo.Code) {
		case gen.ErrorCodeDuplicateRequest:
			fmt.Println("a penny drop is in progress: wait for it")
		default:
			fmt.Println("not a known code:", e.ErrorInfo.Code)
		}
	}
	err := fmt.Errorf("validate: %w", gen.ErrorCodeDuplicateRequest)
	fmt.Println(errors.Is(err, gen.ErrorCodeDuplicateRequest))
	// Output:
	// a penny drop is in progress: wait for it
	// not a known code: SOMETHING_NEW
	// true
}

// OperationID names an operation of openapi.yaml; Valid catches a misspelt one.
func ExampleOperationID_Valid() {
	fmt.Println(gen.OperationIDCreateCustomerAccounts.Valid(), gen.OperationID("createCustomerAccount").Valid())
	fmt.Println(len(gen.OperationIDs()), "operations, the first", gen.OperationIDs()[0])
	// Output:
	// true false
	// 9 operations, the first createCustomerAccounts
}
