/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me {\n      id\n      name\n      roles\n      tier\n      isLeading\n      phone\n      email\n      unit {\n        id\n        name\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n      refreshTokenExpiresAt\n      user {\n        id\n        name\n        roles\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout($input: RefreshTokenInput!) {\n    logout(input: $input)\n  }\n": typeof types.LogoutDocument,
    "\n  query CadreHome($year: Int!) {\n    myCompletionRecord(year: $year) {\n      year\n      status\n      requiredHours\n      earnedTotal\n      earnedCourse\n      earnedQuiz\n      earnedTour\n      earnedCarry\n      itemsDone\n      itemsTotal\n      dueAt\n      missing {\n        type\n        id\n        title\n        dueAt\n      }\n    }\n    studyTours(status: OPEN, first: 3) {\n      totalCount\n      nodes {\n        id\n        title\n        destination\n        startsAt\n        seatsLeft\n        mySignUp {\n          status\n        }\n      }\n    }\n    myNotifications(first: 3, unreadOnly: true) {\n      unreadCount\n      nodes {\n        id\n        title\n        createdAt\n      }\n    }\n  }\n": typeof types.CadreHomeDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      id\n      name\n      roles\n      tier\n      isLeading\n      phone\n      email\n      unit {\n        id\n        name\n      }\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n      refreshTokenExpiresAt\n      user {\n        id\n        name\n        roles\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout($input: RefreshTokenInput!) {\n    logout(input: $input)\n  }\n": types.LogoutDocument,
    "\n  query CadreHome($year: Int!) {\n    myCompletionRecord(year: $year) {\n      year\n      status\n      requiredHours\n      earnedTotal\n      earnedCourse\n      earnedQuiz\n      earnedTour\n      earnedCarry\n      itemsDone\n      itemsTotal\n      dueAt\n      missing {\n        type\n        id\n        title\n        dueAt\n      }\n    }\n    studyTours(status: OPEN, first: 3) {\n      totalCount\n      nodes {\n        id\n        title\n        destination\n        startsAt\n        seatsLeft\n        mySignUp {\n          status\n        }\n      }\n    }\n    myNotifications(first: 3, unreadOnly: true) {\n      unreadCount\n      nodes {\n        id\n        title\n        createdAt\n      }\n    }\n  }\n": types.CadreHomeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      name\n      roles\n      tier\n      isLeading\n      phone\n      email\n      unit {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      name\n      roles\n      tier\n      isLeading\n      phone\n      email\n      unit {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n      refreshTokenExpiresAt\n      user {\n        id\n        name\n        roles\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n      refreshTokenExpiresAt\n      user {\n        id\n        name\n        roles\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout($input: RefreshTokenInput!) {\n    logout(input: $input)\n  }\n"): (typeof documents)["\n  mutation Logout($input: RefreshTokenInput!) {\n    logout(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CadreHome($year: Int!) {\n    myCompletionRecord(year: $year) {\n      year\n      status\n      requiredHours\n      earnedTotal\n      earnedCourse\n      earnedQuiz\n      earnedTour\n      earnedCarry\n      itemsDone\n      itemsTotal\n      dueAt\n      missing {\n        type\n        id\n        title\n        dueAt\n      }\n    }\n    studyTours(status: OPEN, first: 3) {\n      totalCount\n      nodes {\n        id\n        title\n        destination\n        startsAt\n        seatsLeft\n        mySignUp {\n          status\n        }\n      }\n    }\n    myNotifications(first: 3, unreadOnly: true) {\n      unreadCount\n      nodes {\n        id\n        title\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query CadreHome($year: Int!) {\n    myCompletionRecord(year: $year) {\n      year\n      status\n      requiredHours\n      earnedTotal\n      earnedCourse\n      earnedQuiz\n      earnedTour\n      earnedCarry\n      itemsDone\n      itemsTotal\n      dueAt\n      missing {\n        type\n        id\n        title\n        dueAt\n      }\n    }\n    studyTours(status: OPEN, first: 3) {\n      totalCount\n      nodes {\n        id\n        title\n        destination\n        startsAt\n        seatsLeft\n        mySignUp {\n          status\n        }\n      }\n    }\n    myNotifications(first: 3, unreadOnly: true) {\n      unreadCount\n      nodes {\n        id\n        title\n        createdAt\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;