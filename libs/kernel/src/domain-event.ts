/** A domain event as deciders produce and consume it: an explicit, registered type and plain JSON data. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
}
